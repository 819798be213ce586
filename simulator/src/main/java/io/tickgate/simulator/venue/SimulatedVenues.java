package io.tickgate.simulator.venue;

import io.tickgate.model.venue.Venue;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** The registered {@link SimulatedVenue}s (ServiceLoader), in registration order, loaded once. */
public final class SimulatedVenues {

    private static final List<SimulatedVenue> ALL = load();

    private SimulatedVenues() {
    }

    /** Every registered simulated venue. */
    public static List<SimulatedVenue> all() {
        return ALL;
    }

    /** The simulated venue, or an error listing the simulated ones. */
    public static SimulatedVenue of(Venue venue) {
        for (SimulatedVenue sv : ALL) {
            if (sv.venue().equals(venue)) {
                return sv;
            }
        }
        throw new IllegalArgumentException("no simulated venue \"" + venue + "\" (simulated: " + names() + ")");
    }

    private static String names() {
        List<String> names = new ArrayList<>();
        ALL.forEach(sv -> names.add(sv.venue().id()));
        return String.join(", ", names);
    }

    private static List<SimulatedVenue> load() {
        List<SimulatedVenue> out = new ArrayList<>();
        for (SimulatedVenue sv : ServiceLoader.load(SimulatedVenue.class, SimulatedVenues.class.getClassLoader())) {
            for (SimulatedVenue seen : out) {
                if (seen.venue().equals(sv.venue())) {
                    throw new IllegalStateException("two simulated venues named " + sv.venue());
                }
            }
            out.add(sv);
        }
        return List.copyOf(out);
    }
}
