package io.tickgate.feed.venue;

import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.tickgate.feed.backfill.TradeHistory;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.topic.Channel;
import io.tickgate.model.topic.Interval;
import io.tickgate.model.venue.Venue;
import io.tickgate.processing.book.BookSync;
import io.tickgate.processing.book.BookSyncContext;
import io.tickgate.processing.book.SnapshotPacer;
import io.tickgate.processing.book.SnapshotSource;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The one plug-in point of a venue: everything the pool, the processor, replay and configuration need to know about
 * it. Implementations live in the venue's own package ({@code io.tickgate.feed.venues.<venue>}) and are found by
 * {@link Venues} through {@link java.util.ServiceLoader}; nothing outside that package branches on a venue.
 */
public interface VenueAdapter {

    /** The venue. */
    Venue venue();

    /** Pool defaults: endpoints, channels, the venue's documented limits and heartbeats. */
    VenueDefaults defaults();

    /**
     * The name of the endpoint (one of {@link VenueDefaults#endpoints()}) a channel lives on: the pool subscribes it
     * on that endpoint's connections. Default: the primary endpoint.
     *
     * @param venueChannel one entry of the pool's channels, in the venue's spelling
     */
    default String endpoint(String venueChannel) {
        return defaults().primary().name();
    }

    /**
     * Checks connection settings against the venue's rules.
     *
     * @throws IllegalArgumentException naming the setting that breaks a rule
     */
    default void validate(ConnectionSettings settings) {
    }

    /** The venue's connection rules for a pool with these settings. */
    VenueProtocol protocol(ConnectionSettings settings);

    /**
     * A REST depth-snapshot client, or null when the venue sends its snapshots in-band.
     *
     * @param restUrl    the REST base URL (null or blank: none)
     * @param depthLimit levels per side asked for
     * @param group      event loops for the HTTP client
     * @param ssl        client TLS context, null for plain HTTP
     */
    default SnapshotSource snapshots(String restUrl, int depthLimit, EventLoopGroup group, SslContext ssl) {
        return null;
    }

    /**
     * Parses a REST depth-snapshot response body (as a recording stores it).
     *
     * @throws io.tickgate.feed.json.MalformedFrameException if the body is not a snapshot
     * @throws UnsupportedOperationException if the venue has no REST snapshots
     */
    default BookSnapshot restSnapshot(String symbol, String body, long timestamp) {
        throw new UnsupportedOperationException(venue() + " has no REST depth snapshots");
    }

    /**
     * Checks the depth asked of REST snapshots against what the venue accepts.
     *
     * @throws IllegalArgumentException naming the setting and the allowed values
     */
    default void validateSnapshotDepth(int depthLimit) {
    }

    /**
     * The levels per side published books carry, given the configured book depth and the REST snapshot depth: only
     * what the sync can vouch for. Default: the configured depth (books whose snapshots come in-band in full).
     */
    default int publishedBookDepth(int bookDepth, int snapshotDepthLimit) {
        return bookDepth;
    }

    /**
     * How fast books may be resynced by subscribing them again (venues whose snapshots come in-band): a burst and a
     * sustained rate within the venue's subscribe limits. Default: bursts of 5, one per 20 s sustained.
     */
    default SnapshotPacer.Config resubscribePacing() {
        return new SnapshotPacer.Config(5, 0.05);
    }

    /**
     * The REST body {@link #restSnapshot} parses back into {@code snapshot} (a recording stores snapshots so; prices
     * and sizes exactly as the venue sent them).
     *
     * @throws UnsupportedOperationException if the venue has no REST snapshots
     */
    default String restSnapshotBody(BookSnapshot snapshot) {
        throw new UnsupportedOperationException(venue() + " has no REST depth snapshots");
    }

    /**
     * The venue's REST trade history, from which trades missed across reconnects are backfilled; null when the
     * venue has none here (missed trades are then announced as gaps).
     *
     * @param restUrl the REST base URL (null or blank: none)
     * @param group   event loops for the HTTP client
     * @param ssl     client TLS context, null for plain HTTP
     */
    default TradeHistory tradeHistory(String restUrl, EventLoopGroup group, SslContext ssl) {
        return null;
    }

    /**
     * How fast trade-history pages may be requested when the venue has no REST depth snapshots whose pacing they
     * share: within its documented REST limit for that endpoint. Default: bursts of 5, 5 per second.
     */
    default SnapshotPacer.Config tradeHistoryPacing() {
        return new SnapshotPacer.Config(5, 5);
    }

    /** A new book sync for this venue's book messages. */
    BookSync bookSync(BookSyncContext context);

    /**
     * A frame decoder for replay (live sockets decode inside their {@link SessionProtocol}).
     *
     * @param clock epoch-ms receive time, for events whose frame carries no time of its own
     */
    VenueDecoder decoder(LongSupplier clock);

    /** A configured symbol in the venue's spelling, as it appears in topics ({@code btcusdt} → {@code BTCUSDT}). */
    default String symbol(String configured) {
        return configured;
    }

    /**
     * The canonical channels one of the venue's subscription channels publishes on (e.g. Binance {@code depth@100ms}
     * → book and book.top; a trade stream → trades plus the candles built from them).
     *
     * @param venueChannel one entry of the pool's channels, in the venue's spelling
     * @param klines       the candle intervals built from trades
     */
    Set<Channel> topicChannels(String venueChannel, Set<Interval> klines);

    /** True when this venue channel itself carries the best bid and ask (so the sync need not publish tops). */
    default boolean carriesTopOfBook(String venueChannel) {
        return false;
    }
}
