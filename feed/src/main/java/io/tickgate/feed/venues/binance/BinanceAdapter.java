package io.tickgate.feed.venues.binance;

import io.tickgate.feed.backfill.TradeHistory;
import io.tickgate.feed.rest.RestGet;
import io.tickgate.feed.venue.TopicChannels;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.tickgate.feed.venue.ConnectionSettings;
import io.tickgate.feed.venue.Endpoint;
import io.tickgate.feed.venue.VenueAdapter;
import io.tickgate.feed.venue.VenueDecoder;
import io.tickgate.feed.venue.VenueDefaults;
import io.tickgate.feed.venue.VenueProtocol;
import io.tickgate.model.event.BookDelta;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.topic.Channel;
import io.tickgate.model.topic.Interval;
import io.tickgate.model.venue.Venue;
import io.tickgate.processing.book.BookSync;
import io.tickgate.processing.book.BookSyncContext;
import io.tickgate.processing.book.SnapshotSource;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongSupplier;

/** Binance spot: combined streams, REST depth snapshots + diff depth, upper-case symbols ({@code BTCUSDT}). */
public final class BinanceAdapter implements VenueAdapter {

    private static final VenueDefaults DEFAULTS = new VenueDefaults(
            List.of(new Endpoint("stream", "wss://stream.binance.com:9443", "")), // one endpoint for every stream
            "https://api.binance.com", List.of("trade", "depth@100ms"),
            250, 300_000,          // venue: 300 connection attempts per 5 min per IP
            4, 1_100,              // venue: 5 incoming messages/s, pongs included
            60_000, 30_000,        // venue pings every 20 s and wants a pong within 60 s
            24 * 3_600_000L,       // venue cuts every connection after 24 h
            1024);                 // venue: "a single connection can listen to a maximum of 1024 streams"

    @Override
    public Venue venue() {
        return Venue.BINANCE;
    }

    @Override
    public VenueDefaults defaults() {
        return DEFAULTS;
    }

    @Override
    public VenueProtocol protocol(ConnectionSettings s) {
        return new BinanceProtocol(s.url(), s.channels(), s.heartbeatTimeoutMillis(), s.silenceMillis());
    }

    @Override
    public SnapshotSource snapshots(String restUrl, int depthLimit, EventLoopGroup group, SslContext ssl) {
        return restUrl == null || restUrl.isBlank() ? null : new HttpSnapshotSource(restUrl, depthLimit, group, ssl);
    }

    @Override
    public TradeHistory tradeHistory(String restUrl, EventLoopGroup group, SslContext ssl) {
        return restUrl == null || restUrl.isBlank() ? null
                : new BinanceTradeHistory(new RestGet(restUrl, group, ssl));
    }

    @Override
    public BookSnapshot restSnapshot(String symbol, String body, long timestamp) {
        return BinanceSnapshotParser.parse(symbol, body, timestamp);
    }

    @Override
    public void validateSnapshotDepth(int depthLimit) {
        if (!HttpSnapshotSource.isAllowedLimit(depthLimit)) {
            throw new IllegalArgumentException("binance.depthLimit must be one of " + HttpSnapshotSource.ALLOWED_LIMITS
                    + " (the limits Binance's GET /api/v3/depth accepts), got " + depthLimit);
        }
    }

    /** Only as deep as the REST snapshot: levels beyond it are never corrected by a snapshot. */
    @Override
    public int publishedBookDepth(int bookDepth, int snapshotDepthLimit) {
        return Math.min(bookDepth, snapshotDepthLimit);
    }

    @Override
    public String restSnapshotBody(BookSnapshot snapshot) {
        return BinanceSnapshotParser.render(snapshot);
    }

    @Override
    public BookSync bookSync(BookSyncContext c) {
        return new BinanceBookSync(c.snapshots(), c.owner(), c.publish(), c.counters(), c.config(), c.nanoClock());
    }

    @Override
    public VenueDecoder decoder(LongSupplier clock) {
        BinanceFrameDecoder decoder = new BinanceFrameDecoder(clock);
        return (frame, sink) -> decoder.decode(frame, new BinanceSink() {
            @Override
            public void onEvent(MarketEvent event) {
                sink.onEvent(event);
            }

            @Override
            public void onDepthUpdate(BookDelta update) {
                sink.onBook(update.symbol(), update);
            }

            @Override
            public void onControl(BinanceControl control) {
                sink.onControl(control);
            }
        });
    }

    @Override
    public String symbol(String configured) {
        return configured.toUpperCase(Locale.ROOT);
    }

    /** Stream suffixes ({@code <symbol>@<suffix>}). */
    @Override
    public Set<Channel> topicChannels(String suffix, Set<Interval> klines) {
        if (suffix.equals("trade")) {
            return TopicChannels.tradesAndCandles(Channel.TRADE, klines);
        }
        if (suffix.equals("aggTrade")) {
            // candles come from raw trades when both are subscribed (DeclaredTopics.candleSource); the candle topics
            // are the same either way
            return TopicChannels.tradesAndCandles(Channel.AGG_TRADE, klines);
        }
        if (suffix.startsWith("depth")) {
            return EnumSet.of(Channel.BOOK, Channel.BOOK_TOP);
        }
        if (suffix.equals("bookTicker")) {
            return EnumSet.of(Channel.BOOK_TOP);
        }
        if (suffix.equals("ticker")) {
            return EnumSet.of(Channel.TICKER);
        }
        if (suffix.startsWith("kline_")) {
            return TopicChannels.klineOf(suffix.substring("kline_".length()));
        }
        return EnumSet.noneOf(Channel.class);
    }

    @Override
    public boolean carriesTopOfBook(String suffix) {
        return suffix.equals("bookTicker");
    }
}
