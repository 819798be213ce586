package io.tickgate.simulator.venue.binance;

import io.tickgate.simulator.venue.VenueSettings;
import java.util.Collections;
import java.util.Map;

/**
 * The simulated Binance's own settings ({@code simulator.venues.binance.*}), defaults as documented by Binance.
 *
 * @param connectionLifetimeMillis     a connection is closed after this long (announced by {@code serverShutdown});
 *                                     default 24 h
 * @param shutdownNoticeMillis         how long before the lifetime ends {@code serverShutdown} is sent (at most half
 *                                     the lifetime); default 10 s
 * @param pingIntervalMillis           server ping period; default 20 s
 * @param pongTimeoutMillis            a connection without a pong for this long is closed; default 60 s
 * @param maxIncomingMessagesPerSecond incoming frames (text, ping, pong) per second per connection; more closes it
 *                                     with 1008; default 5
 * @param maxStreamsPerConnection      streams per connection; default 1024
 */
public record BinanceSettings(long connectionLifetimeMillis, long shutdownNoticeMillis, long pingIntervalMillis,
                              long pongTimeoutMillis, int maxIncomingMessagesPerSecond, int maxStreamsPerConnection) {

    public static final String CONNECTION_LIFETIME_MILLIS = "connectionLifetimeMillis";
    public static final String SHUTDOWN_NOTICE_MILLIS = "shutdownNoticeMillis";
    public static final String PING_INTERVAL_MILLIS = "pingIntervalMillis";
    public static final String PONG_TIMEOUT_MILLIS = "pongTimeoutMillis";
    public static final String MAX_INCOMING_MESSAGES_PER_SECOND = "maxIncomingMessagesPerSecond";
    public static final String MAX_STREAMS_PER_CONNECTION = "maxStreamsPerConnection";

    /** Every setting of the simulated Binance with its default (connection limit: 300 per 5 min per IP). */
    static final Map<String, Long> DEFAULTS = defaults();

    private static Map<String, Long> defaults() {
        Map<String, Long> d = VenueSettings.commonDefaults(300, 300_000);
        d.put(CONNECTION_LIFETIME_MILLIS, 24 * 3_600_000L);
        d.put(SHUTDOWN_NOTICE_MILLIS, 10_000L);
        d.put(PING_INTERVAL_MILLIS, 20_000L);
        d.put(PONG_TIMEOUT_MILLIS, 60_000L);
        d.put(MAX_INCOMING_MESSAGES_PER_SECOND, 5L);
        d.put(MAX_STREAMS_PER_CONNECTION, 1024L);
        return Collections.unmodifiableMap(d);
    }

    /** Reads them from the venue's resolved settings. */
    static BinanceSettings of(VenueSettings s) {
        return new BinanceSettings(s.get(CONNECTION_LIFETIME_MILLIS), s.get(SHUTDOWN_NOTICE_MILLIS),
                s.get(PING_INTERVAL_MILLIS), s.get(PONG_TIMEOUT_MILLIS), s.count(MAX_INCOMING_MESSAGES_PER_SECOND),
                s.count(MAX_STREAMS_PER_CONNECTION));
    }
}
