package io.tickgate.feed.pool;

import java.util.List;

/**
 * One endpoint's share of a venue's pool: where its connections go, the channels they carry and how many there
 * are. Derived by {@link PoolConfig} from the venue's channels (each lives on the endpoint its adapter names) and the
 * endpoint's settings.
 *
 * @param index                   the endpoint's position in the venue's endpoints (0 = primary); tags its sockets'
 *                                ids, so the venue processor routes each endpoint's data on its own
 * @param name                    the endpoint's name ({@code public}, {@code business})
 * @param primary                 true for the primary endpoint (configured by {@code <venue>.url} and the venue's
 *                                connection counts)
 * @param url                     WebSocket URL of its connections
 * @param channels                the venue's channels that live on this endpoint
 * @param minConnections          connections kept at least
 * @param maxConnections          connections kept at most
 * @param maxStreamsPerConnection streams one socket may carry, 0 = no cap
 * @param symbols                 symbols the venue subscribes (every endpoint carries all of them)
 */
public record EndpointConfig(int index, String name, boolean primary, String url, List<String> channels,
                             int minConnections, int maxConnections, int maxStreamsPerConnection, int symbols) {

    public EndpointConfig {
        channels = List.copyOf(channels);
    }

    /** Symbols one connection may carry under the stream cap ({@link Integer#MAX_VALUE}: no cap). */
    public int maxSymbolsPerConnection() {
        return maxStreamsPerConnection == 0 ? Integer.MAX_VALUE : maxStreamsPerConnection / channels.size();
    }

    /** Connections the symbols need under the stream cap (at least 1). */
    public int connectionsForStreams() {
        if (maxStreamsPerConnection == 0 || symbols == 0) {
            return 1;
        }
        int perConnection = maxSymbolsPerConnection();
        return (symbols + perConnection - 1) / perConnection;
    }

    /** The fewest connections kept: {@link #minConnections()}, raised to what the stream cap needs. */
    public int requiredConnections() {
        return Math.max(minConnections, connectionsForStreams());
    }

    /** The configuration key prefix of this endpoint's connection counts, for messages. */
    String key(String venue) {
        return primary ? venue : venue + ".endpoints." + name;
    }
}
