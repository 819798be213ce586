package io.tickgate.feed.venue;

import java.util.List;
import java.util.Objects;

/**
 * A venue's pool defaults: where it is, what to subscribe, and the limits it documents. Every value can be
 * overridden per pool; these are what a pool gets when configuration is silent.
 *
 * @param url                    WebSocket URL
 * @param restUrl                REST base for depth snapshots, or null when books come in-band
 * @param simulatorPath          path of the WebSocket endpoint on the built-in simulator's port (e.g.
 *                               {@code /ws/v5/public}), empty for the root
 * @param channels               channels subscribed per symbol, in the venue's spelling
 * @param connectAttempts        connection attempts per window over the whole venue
 * @param connectWindowMillis    that window
 * @param controlMessages        control messages per window per connection
 * @param controlWindowMillis    that window
 * @param heartbeatTimeoutMillis a heartbeat older than this means dead
 * @param silenceMillis          no message at all for this long means dead
 * @param lifetimeMillis         the venue cuts a connection after this long (rotated before), 0 = never
 * @param maxStreamsPerConnection the most streams (symbol × channel) one socket may carry, 0 = no cap
 */
public record VenueDefaults(String url, String restUrl, String simulatorPath, List<String> channels,
                            int connectAttempts, long connectWindowMillis, int controlMessages,
                            long controlWindowMillis, long heartbeatTimeoutMillis, long silenceMillis,
                            long lifetimeMillis, int maxStreamsPerConnection) {

    public VenueDefaults {
        Objects.requireNonNull(url, "url");
        simulatorPath = simulatorPath == null ? "" : simulatorPath;
        channels = List.copyOf(channels);
    }
}
