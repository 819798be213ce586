package io.tickgate.feed.venues.okx;

import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.tickgate.feed.backfill.TradeHistory;
import io.tickgate.feed.rest.RestGet;
import io.tickgate.feed.venue.ConnectionSettings;
import io.tickgate.feed.venue.Endpoint;
import io.tickgate.feed.venue.TopicChannels;
import io.tickgate.feed.venue.VenueAdapter;
import io.tickgate.feed.venue.VenueDecoder;
import io.tickgate.feed.venue.VenueDefaults;
import io.tickgate.feed.venue.VenueProtocol;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.topic.Channel;
import io.tickgate.model.topic.Interval;
import io.tickgate.model.venue.Venue;
import io.tickgate.processing.book.BookSync;
import io.tickgate.processing.book.BookSyncContext;
import io.tickgate.processing.book.SnapshotPacer;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * OKX v5: subscribe by message, books snapshot + updates in-band (seqId chain and checksum). Two endpoints: market
 * data on {@code /ws/v5/public}; candles and all-trades on {@code /ws/v5/business} (OKX moved them there in June
 * 2023; subscribed on {@code /public} they are refused with 60018 "Wrong URL or channel").
 */
public final class OkxAdapter implements VenueAdapter {

    /** The primary endpoint: trades, books, tickers, ... */
    static final String PUBLIC = "public";
    /** Candles ({@code candle*}, {@code mark-price-candle*}, {@code index-candle*}) and {@code trades-all}. */
    static final String BUSINESS = "business";

    private static final VenueDefaults DEFAULTS = new VenueDefaults(
            List.of(new Endpoint(PUBLIC, "wss://ws.okx.com:8443/ws/v5/public", "/ws/v5/public"),
                    new Endpoint(BUSINESS, "wss://ws.okx.com:8443/ws/v5/business", "/ws/v5/business")),
            null,                  // REST (https://www.okx.com) serves only trade backfills here: opt-in, restUrl
            List.of("trades", "books", "tickers"),
            2, 1_000,              // venue: 3 connection requests/s per IP (all endpoints: one budget per venue)
            400, 3_600_000,        // venue: 480 subscribe/unsubscribe per connection per hour
            30_000, 30_000,        // venue closes a socket after 30 s without data
            0,                     // no documented lifetime cut
            0);                    // no documented cap on subscriptions per connection (only 480 subscribe requests
                                   // per hour per connection and 64 KB per request, which the session's batching
                                   // keeps to)

    @Override
    public Venue venue() {
        return Venue.OKX;
    }

    @Override
    public VenueDefaults defaults() {
        return DEFAULTS;
    }

    /**
     * Bursts of 100, one every 10 s sustained: a socket sends the books to resubscribe within one tick as one
     * unsubscribe and one subscribe request, so a hundred books that gapped at once (a full processing queue) cost each
     * socket two of its 480 requests an hour, and recover in seconds rather than the half hour the default's 5 and one
     * per 20 s took.
     */
    @Override
    public SnapshotPacer.Config resubscribePacing() {
        return new SnapshotPacer.Config(100, 0.1);
    }

    @Override
    public TradeHistory tradeHistory(String restUrl, EventLoopGroup group, SslContext ssl) {
        return restUrl == null || restUrl.isBlank() ? null : new OkxTradeHistory(new RestGet(restUrl, group, ssl));
    }

    /** Venue: history-trades allows 20 requests per 2 s per IP; kept to 8 per second, bursts of 10. */
    @Override
    public SnapshotPacer.Config tradeHistoryPacing() {
        return new SnapshotPacer.Config(10, 8);
    }

    @Override
    public String endpoint(String channel) {
        return channel.equals("trades-all") || channel.startsWith("candle") || channel.startsWith("mark-price-candle")
                || channel.startsWith("index-candle") ? BUSINESS : PUBLIC;
    }

    @Override
    public void validate(ConnectionSettings s) {
        if (s.pingAfterMillis() >= s.silenceMillis()) {
            throw new IllegalArgumentException("okx: pingAfterMillis must be below silenceMillis");
        }
    }

    @Override
    public VenueProtocol protocol(ConnectionSettings s) {
        return new OkxProtocol(s.url(), s.channels(), s.pingAfterMillis(), s.silenceMillis());
    }

    @Override
    public BookSync bookSync(BookSyncContext c) {
        return new OkxBookSync(c.resubscribe(), c.publish(), c.counters(), c.config(), c.nanoClock());
    }

    @Override
    public VenueDecoder decoder(LongSupplier clock) {
        OkxFrameDecoder decoder = new OkxFrameDecoder();
        return (frame, sink) -> decoder.decode(frame, new OkxSink() {
            @Override
            public void onEvent(MarketEvent event) {
                sink.onEvent(event);
            }

            @Override
            public void onBook(OkxBookMessage book) {
                sink.onBook(book.instId(), book);
            }

            @Override
            public void onControl(OkxControl control) {
                sink.onControl(control);
            }
        });
    }

    /** Public and business channels. */
    @Override
    public Set<Channel> topicChannels(String channel, Set<Interval> klines) {
        switch (channel) {
            case "trades":
            case "trades-all":
                return TopicChannels.tradesAndCandles(Channel.TRADE, klines);
            case "books":
            case "books-l2-tbt":
            case "books50-l2-tbt":
                return EnumSet.of(Channel.BOOK, Channel.BOOK_TOP);
            case "books5":
                return EnumSet.of(Channel.BOOK);
            case "bbo-tbt":
                return EnumSet.of(Channel.BOOK_TOP);
            case "tickers":
                return EnumSet.of(Channel.TICKER);
            default:
                return channel.startsWith("candle") ? candles(channel.substring("candle".length()))
                        : EnumSet.noneOf(Channel.class);
        }
    }

    /**
     * The kline channel of an OKX bar the decoder reads: none for {@code 1D} (it starts at Hong Kong midnight, not on
     * a UTC day), {@code kline.1d} for {@code 1Dutc}.
     */
    private static Set<Channel> candles(String bar) {
        return TopicChannels.kline(OkxFrameDecoder.intervalOf(bar));
    }

    @Override
    public boolean carriesTopOfBook(String channel) {
        return channel.equals("bbo-tbt");
    }
}
