package io.tickgate.simulator.venue;

import io.tickgate.model.venue.Venue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One simulated venue's resolved settings: its {@link SimulatedVenue#defaults()} with the configured values
 * ({@code simulator.venues.<venue>.<setting>}) laid over them. The venue's package reads its own settings by name, so
 * the shared configuration carries no venue's knobs.
 */
public final class VenueSettings {

    /** Port to bind (0: a free one). */
    public static final String PORT = "port";
    /** Connection attempts per window before the venue refuses (HTTP 429). */
    public static final String CONNECT_ATTEMPTS = "connectAttempts";
    /** The connection-attempt window. */
    public static final String CONNECT_WINDOW_MILLIS = "connectWindowMillis";
    /** Trades per symbol the venue keeps for its REST trade history (what a backfill can fetch). */
    public static final String TRADE_HISTORY_SIZE = "tradeHistorySize";

    private final Venue venue;
    private final Map<String, Long> values;

    /**
     * The settings every venue has, for a venue's {@link SimulatedVenue#defaults()} to start from: a free port and its
     * connection limit and the size of its REST trade history. The venue adds its own settings to the (modifiable, ordered) map.
     */
    public static Map<String, Long> commonDefaults(long connectAttempts, long connectWindowMillis) {
        Map<String, Long> d = new LinkedHashMap<>();
        d.put(PORT, 0L);
        d.put(CONNECT_ATTEMPTS, connectAttempts);
        d.put(CONNECT_WINDOW_MILLIS, connectWindowMillis);
        d.put(TRADE_HISTORY_SIZE, 10_000L);
        return d;
    }

    /**
     * Lays {@code configured} over {@code defaults}.
     *
     * @throws IllegalArgumentException naming the key and the venue's settings when a setting is unknown or out of
     *                                  range (a port 0..65535, everything else positive)
     */
    static VenueSettings resolve(Venue venue, Map<String, Long> defaults, Map<String, Long> configured) {
        for (String common : new String[] {PORT, CONNECT_ATTEMPTS, CONNECT_WINDOW_MILLIS, TRADE_HISTORY_SIZE}) {
            if (!defaults.containsKey(common)) {
                throw new IllegalStateException("simulated venue " + venue + " declares no default " + common);
            }
        }
        Map<String, Long> values = new LinkedHashMap<>(defaults);
        configured.forEach((key, value) -> {
            String name = "simulator.venues." + venue + "." + key;
            if (!defaults.containsKey(key)) {
                throw new IllegalArgumentException(name + ": the simulated " + venue + " has no such setting (its "
                        + "settings: " + String.join(", ", defaults.keySet()) + ")");
            }
            if (key.equals(PORT) ? value < 0 || value > 65535 : value <= 0) {
                throw new IllegalArgumentException(name + " must be " + (key.equals(PORT) ? "0..65535" : "positive")
                        + ": " + value);
            }
            values.put(key, value);
        });
        return new VenueSettings(venue, values);
    }

    private VenueSettings(Venue venue, Map<String, Long> values) {
        this.venue = venue;
        this.values = Collections.unmodifiableMap(values);
    }

    public Venue venue() {
        return venue;
    }

    /** Every setting with its value, in the venue's order. */
    public Map<String, Long> values() {
        return values;
    }

    /** A setting's value. */
    public long get(String key) {
        Long v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("the simulated " + venue + " has no setting " + key);
        }
        return v;
    }

    /** A setting that is a count (fits an int). */
    public int count(String key) {
        return Math.toIntExact(get(key));
    }

    /** The port to bind (0: a free one). */
    public int port() {
        return count(PORT);
    }

    /** Connection attempts per window before HTTP 429. */
    public int connectAttempts() {
        return count(CONNECT_ATTEMPTS);
    }

    /** The connection-attempt window. */
    public long connectWindowMillis() {
        return get(CONNECT_WINDOW_MILLIS);
    }
}
