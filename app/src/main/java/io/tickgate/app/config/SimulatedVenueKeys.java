package io.tickgate.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickgate.simulator.venue.SimulatedVenue;
import io.tickgate.simulator.venue.SimulatedVenues;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configuration keys of the simulated venues ({@code simulator.venues.<venue>.<setting>}) as their plug-ins
 * declare them ({@link SimulatedVenue#defaults()}), so the configuration names no simulated venue's knobs: every
 * registered venue and every setting it declares is a key, whether or not {@code tickgate-defaults.yaml} lists it.
 * A key the defaults file does not give a value is a {@code null} placeholder: the venue's own default applies.
 */
final class SimulatedVenueKeys {

    static final String SECTION = "simulator";
    static final String VENUES = "venues";

    private SimulatedVenueKeys() {
    }

    /**
     * Adds to the defaults tree every registered simulated venue's settings it does not list, as {@code null}
     * placeholders, so a file, an environment variable or a flag can set them like any other key.
     *
     * @throws IllegalStateException if the defaults file lists a setting the venue does not declare
     */
    static void declare(ObjectNode defaults) {
        ObjectNode venues = child(child(defaults, SECTION), VENUES);
        for (SimulatedVenue sv : SimulatedVenues.all()) {
            ObjectNode own = child(venues, sv.venue().id());
            own.fieldNames().forEachRemaining(listed -> {
                if (!sv.defaults().containsKey(listed)) {
                    throw new IllegalStateException("tickgate-defaults.yaml: " + SECTION + "." + VENUES + "."
                            + sv.venue().id() + "." + listed + " is not a setting of the simulated " + sv.venue()
                            + " (its settings: " + String.join(", ", sv.defaults().keySet()) + ")");
                }
            });
            for (String setting : sv.defaults().keySet()) {
                if (!own.has(setting)) {
                    own.set(setting, NullNode.getInstance());
                }
            }
        }
    }

    private static ObjectNode child(ObjectNode parent, String name) {
        JsonNode c = parent.get(name);
        if (c == null || c.isNull()) {
            return parent.putObject(name);
        }
        if (!c.isObject()) {
            throw new IllegalStateException("tickgate-defaults.yaml: " + name + " must be a section");
        }
        return (ObjectNode) c;
    }

    /**
     * A hint for an unknown key under {@code simulator.venues}: the venue's settings, or the simulated venues (also for
     * a {@code simulator.<name>Port} naming no simulated venue); empty for any other key.
     */
    static String hint(String dotted) {
        String prefix = SECTION + "." + VENUES + ".";
        boolean sectionKey = dotted.startsWith(SECTION + ".") && dotted.indexOf('.') == dotted.lastIndexOf('.');
        if (sectionKey && dotted.endsWith("Port")) {
            return "; a simulated venue's port is " + prefix + "<venue>.port" + hint(prefix + "?");
        }
        if (!dotted.startsWith(prefix)) {
            return "";
        }
        String rest = dotted.substring(prefix.length());
        String venue = rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
        for (SimulatedVenue sv : SimulatedVenues.all()) {
            if (sv.venue().id().equals(venue)) {
                return "; the simulated " + venue + "'s settings: " + String.join(", ", sv.defaults().keySet());
            }
        }
        StringBuilder names = new StringBuilder();
        SimulatedVenues.all().forEach(sv -> names.append(names.length() == 0 ? "" : ", ").append(sv.venue().id()));
        return "; the simulated venues: " + names;
    }

    /** The bound per-venue settings without the unset ({@code null}) placeholders: only those given. */
    static Map<String, Map<String, Long>> given(Map<String, Map<String, Long>> venues) {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        venues.forEach((venue, settings) -> {
            Map<String, Long> set = new LinkedHashMap<>();
            if (settings != null) {
                settings.forEach((k, v) -> {
                    if (v != null) {
                        set.put(k, v);
                    }
                });
            }
            out.put(venue, Collections.unmodifiableMap(set));
        });
        return Collections.unmodifiableMap(out);
    }
}
