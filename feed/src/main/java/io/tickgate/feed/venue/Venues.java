package io.tickgate.feed.venue;

import io.tickgate.model.venue.Venue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The venues this build knows: every {@link VenueAdapter} on the class path, registered in
 * {@code META-INF/services/io.tickgate.feed.venue.VenueAdapter}.
 */
public final class Venues {

    private static final Map<Venue, VenueAdapter> ADAPTERS = load();

    private Venues() {
    }

    /**
     * The adapter of {@code venue}.
     *
     * @throws IllegalArgumentException if no adapter is registered for it
     */
    public static VenueAdapter adapter(Venue venue) {
        VenueAdapter a = ADAPTERS.get(venue);
        if (a == null) {
            throw new IllegalArgumentException("unknown venue \"" + venue + "\" (known: " + String.join(", ",
                    ADAPTERS.keySet().stream().map(Venue::id).toList()) + ")");
        }
        return a;
    }

    /** A venue by name (case-insensitive), checked to have an adapter. */
    public static Venue parse(String name) {
        Venue v;
        try {
            v = Venue.of(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown venue \"" + name + "\" (known: " + String.join(", ",
                    ADAPTERS.keySet().stream().map(Venue::id).toList()) + ")", e);
        }
        adapter(v);
        return v;
    }

    /** Every known venue, in registration order. */
    public static List<Venue> all() {
        return List.copyOf(ADAPTERS.keySet());
    }

    private static Map<Venue, VenueAdapter> load() {
        Map<Venue, VenueAdapter> out = new LinkedHashMap<>();
        for (VenueAdapter a : ServiceLoader.load(VenueAdapter.class, Venues.class.getClassLoader())) {
            VenueAdapter before = out.putIfAbsent(a.venue(), a);
            if (before != null) {
                throw new IllegalStateException("two adapters for venue " + a.venue() + ": "
                        + before.getClass().getName() + " and " + a.getClass().getName());
            }
        }
        return Collections.unmodifiableMap(out);
    }
}
