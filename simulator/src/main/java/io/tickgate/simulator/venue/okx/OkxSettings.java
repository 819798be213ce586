package io.tickgate.simulator.venue.okx;

import io.tickgate.simulator.venue.VenueSettings;
import java.util.Collections;
import java.util.Map;

/**
 * The simulated OKX's own settings ({@code simulator.venues.okx.*}), defaults as documented by OKX.
 *
 * @param idleTimeoutMillis        a connection that was sent nothing for this long is closed; default 30 s
 * @param subscribeRequestsPerHour subscribe/unsubscribe requests per connection per hour before 60014; default 480
 * @param bookHeartbeatMillis      a {@code books} subscription without changes for this long gets an empty heartbeat
 *                                 update; default 5 s
 */
public record OkxSettings(long idleTimeoutMillis, int subscribeRequestsPerHour, long bookHeartbeatMillis) {

    public static final String IDLE_TIMEOUT_MILLIS = "idleTimeoutMillis";
    public static final String SUBSCRIBE_REQUESTS_PER_HOUR = "subscribeRequestsPerHour";
    public static final String BOOK_HEARTBEAT_MILLIS = "bookHeartbeatMillis";

    /** Every setting of the simulated OKX with its default (connection limit: 3 per second per IP). */
    static final Map<String, Long> DEFAULTS = defaults();

    private static Map<String, Long> defaults() {
        Map<String, Long> d = VenueSettings.commonDefaults(3, 1000);
        d.put(IDLE_TIMEOUT_MILLIS, 30_000L);
        d.put(SUBSCRIBE_REQUESTS_PER_HOUR, 480L);
        d.put(BOOK_HEARTBEAT_MILLIS, 5000L);
        return Collections.unmodifiableMap(d);
    }

    /** Reads them from the venue's resolved settings. */
    static OkxSettings of(VenueSettings s) {
        return new OkxSettings(s.get(IDLE_TIMEOUT_MILLIS), s.count(SUBSCRIBE_REQUESTS_PER_HOUR),
                s.get(BOOK_HEARTBEAT_MILLIS));
    }
}
