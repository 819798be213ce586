package io.tickgate.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickgate.simulator.venue.SimulatedVenue;
import io.tickgate.simulator.venue.SimulatedVenues;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's keys from before its venues' settings moved under {@code simulator.venues.<venue>} (issue 12),
 * still accepted with a deprecation warning naming the new key: {@code simulator.<venue>Port} (any simulated venue,
 * e.g. {@code simulator.binancePort}) is {@code simulator.venues.<venue>.port}, and
 * {@code simulator.connectionLifetimeMillis} is that setting of every simulated venue that declares it (the simulated
 * Binance). In a file, from the environment ({@code TICKGATE_SIMULATOR_BINANCEPORT}) or as a flag.
 */
final class LegacySimulatorKeys {

    private static final Logger LOG = LoggerFactory.getLogger(LegacySimulatorKeys.class);
    private static final String PREFIX = "simulator.";
    private static final Pattern PORT = Pattern.compile("([a-z][a-z0-9]*)Port");
    private static final String LIFETIME = "connectionLifetimeMillis";

    private LegacySimulatorKeys() {
    }

    /**
     * The current keys a deprecated key stands for (logging the deprecation), or an empty list when {@code dotted}
     * is not a deprecated key.
     */
    static List<String> current(String dotted) {
        List<String> keys = replacements(dotted);
        if (!keys.isEmpty()) {
            LOG.warn("configuration key {} is deprecated: use {}", dotted, String.join(" and ", keys));
        }
        return keys;
    }

    /** {@link #current} for an environment variable's name after {@code TICKGATE_}, matched case-insensitively. */
    static List<String> currentForEnv(String envName) {
        String lower = envName.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("simulator_")) {
            return List.of();
        }
        String leaf = lower.substring("simulator_".length()).replace("_", "");
        for (String legacy : legacyLeaves()) {
            if (legacy.toLowerCase(Locale.ROOT).equals(leaf)) {
                List<String> keys = replacements(PREFIX + legacy);
                List<String> vars = new ArrayList<>();
                keys.forEach(k -> vars.add("TICKGATE_" + k.replace('.', '_').toUpperCase(Locale.ROOT)));
                LOG.warn("environment variable TICKGATE_{} is deprecated: use {}", envName, String.join(" and ", vars));
                return keys;
            }
        }
        return List.of();
    }

    /**
     * Moves deprecated keys of a user's file ({@code simulator: {binancePort: 9100}}) to their current place in the
     * same tree; a current key given in the file as well wins.
     */
    static void rename(JsonNode user) {
        JsonNode simulator = user == null ? null : user.get("simulator");
        if (!(simulator instanceof ObjectNode section)) {
            return;
        }
        List<String> names = new ArrayList<>();
        section.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            List<String> keys = current(PREFIX + name);
            if (keys.isEmpty()) {
                continue;
            }
            JsonNode value = section.remove(name);
            for (String key : keys) {
                String[] path = key.substring(PREFIX.length()).split("\\.");
                ObjectNode node = section;
                for (int i = 0; i < path.length - 1; i++) {
                    JsonNode child = node.get(path[i]);
                    node = child instanceof ObjectNode o ? o : node.putObject(path[i]);
                }
                if (!node.has(path[path.length - 1])) {
                    node.set(path[path.length - 1], value);
                }
            }
        }
    }

    private static List<String> replacements(String dotted) {
        if (!dotted.startsWith(PREFIX)) {
            return List.of();
        }
        String leaf = dotted.substring(PREFIX.length());
        List<String> keys = new ArrayList<>();
        Matcher port = PORT.matcher(leaf);
        for (SimulatedVenue sv : SimulatedVenues.all()) {
            String venue = sv.venue().id();
            if (port.matches() && port.group(1).equals(venue)
                    || leaf.equals(LIFETIME) && sv.defaults().containsKey(LIFETIME)) {
                keys.add(PREFIX + SimulatedVenueKeys.VENUES + "." + venue + "." + (port.matches() ? "port" : LIFETIME));
            }
        }
        return keys;
    }

    private static List<String> legacyLeaves() {
        List<String> leaves = new ArrayList<>();
        SimulatedVenues.all().forEach(sv -> leaves.add(sv.venue().id() + "Port"));
        leaves.add(LIFETIME);
        return leaves;
    }
}
