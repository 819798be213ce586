package io.tickgate.feed.venue;

import java.util.List;

/**
 * A pool's settings that shape its sockets' protocol.
 *
 * @param url                    WebSocket URL
 * @param channels               channels subscribed per symbol, in the venue's spelling
 * @param heartbeatTimeoutMillis a heartbeat older than this means dead
 * @param pingAfterMillis        venues where the client pings: ping after this long without a message
 * @param silenceMillis          no message at all for this long means dead
 */
public record ConnectionSettings(String url, List<String> channels, long heartbeatTimeoutMillis,
                                 long pingAfterMillis, long silenceMillis) {

    public ConnectionSettings {
        channels = List.copyOf(channels);
    }
}
