package io.tickgate.feed.venue;

import java.util.List;

/**
 * A venue's pool defaults: where it is, what to subscribe, and the limits it documents. Every value can be
 * overridden per pool; these are what a pool gets when configuration is silent.
 *
 * @param endpoints              the venue's WebSocket endpoints, the primary one first (the one {@code <venue>.url}
 *                               names); the others' URLs are derived from the primary's unless configured
 * @param restUrl                REST base (depth snapshots where books are synced by REST, trade history for
 *                               backfills), or null when the venue runs without REST unless configured
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
public record VenueDefaults(List<Endpoint> endpoints, String restUrl, List<String> channels,
                            int connectAttempts, long connectWindowMillis, int controlMessages,
                            long controlWindowMillis, long heartbeatTimeoutMillis, long silenceMillis,
                            long lifetimeMillis, int maxStreamsPerConnection) {

    public VenueDefaults {
        endpoints = List.copyOf(endpoints);
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("a venue has at least one endpoint");
        }
        if (endpoints.stream().map(Endpoint::name).distinct().count() != endpoints.size()) {
            throw new IllegalArgumentException("endpoint names must differ: " + endpoints);
        }
        channels = List.copyOf(channels);
    }

    /** The primary endpoint (configured by {@code <venue>.url}). */
    public Endpoint primary() {
        return endpoints.get(0);
    }

    /** The primary endpoint's default URL. */
    public String url() {
        return primary().url();
    }

    /** The endpoint of this name, or null. */
    public Endpoint endpoint(String name) {
        for (Endpoint e : endpoints) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }

    /** The endpoints' names, comma-separated (for messages). */
    public String endpointNames() {
        return String.join(", ", endpoints.stream().map(Endpoint::name).toList());
    }
}
