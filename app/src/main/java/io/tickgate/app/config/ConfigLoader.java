package io.tickgate.app.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds a {@link TickgateConfig}: embedded defaults, then an optional YAML file, then {@code TICKGATE_*}
 * environment variables, then {@code key=value} overrides from flags. Only keys that exist in the defaults are
 * accepted, so a typo is an error rather than a silently ignored setting; the simulated venues' settings
 * ({@code simulator.venues.<venue>.*}) are the keys their plug-ins declare ({@code SimulatedVenueKeys}); the keys
 * they had before are accepted with a deprecation warning ({@code LegacySimulatorKeys}).
 */
public final class ConfigLoader {

    private static final String DEFAULTS = "/tickgate-defaults.yaml";
    private static final String ENV_PREFIX = "TICKGATE_";

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * Loads the configuration.
     *
     * @param file      optional YAML file (null for none)
     * @param env       environment variables (normally {@link System#getenv()})
     * @param overrides {@code dotted.key=value} settings, applied last
     * @throws IllegalArgumentException on an unknown key or a value of the wrong type
     */
    public TickgateConfig load(Path file, Map<String, String> env, List<String> overrides) {
        ObjectNode tree = readDefaults();
        if (file != null) {
            try {
                JsonNode user = yaml.readTree(Files.readString(file));
                if (user != null && !user.isMissingNode() && !user.isNull()) {
                    LegacySimulatorKeys.rename(user);
                    merge(tree, user, "");
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage(), e);
            }
        }
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (e.getKey().startsWith(ENV_PREFIX)) {
                setByEnvName(tree, e.getKey().substring(ENV_PREFIX.length()), e.getValue());
            }
        }
        for (String o : overrides) {
            int eq = o.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("override \"" + o + "\" is not key=value");
            }
            String key = o.substring(0, eq).trim();
            String value = o.substring(eq + 1).trim();
            List<String> current = LegacySimulatorKeys.current(key);
            if (current.isEmpty()) {
                set(tree, key, value);
            } else {
                current.forEach(k -> set(tree, k, value));
            }
        }
        ObjectNode venues = yaml.createObjectNode();
        for (String section : fieldNames(tree)) {
            if (!TickgateConfig.SECTIONS.contains(section)) {
                venues.set(section, tree.remove(section));
            }
        }
        tree.set("venues", venues);
        try {
            return yaml.treeToValue(tree, TickgateConfig.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid configuration: " + e.getOriginalMessage(), e);
        }
    }

    /** The error for a key the defaults do not have (under {@code simulator}, with the simulated venues' keys). */
    static IllegalArgumentException unknownKey(String dotted) {
        return new IllegalArgumentException("unknown configuration key \"" + dotted + "\""
                + SimulatedVenueKeys.hint(dotted));
    }

    private static List<String> fieldNames(ObjectNode node) {
        List<String> out = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private ObjectNode readDefaults() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULTS + " missing from the classpath");
            }
            ObjectNode defaults = (ObjectNode) yaml.readTree(in);
            SimulatedVenueKeys.declare(defaults);
            return defaults;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void merge(ObjectNode target, JsonNode source, String path) {
        Iterator<Map.Entry<String, JsonNode>> it = source.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            String key = path.isEmpty() ? f.getKey() : path + "." + f.getKey();
            JsonNode existing = target.get(f.getKey());
            if (existing == null) {
                throw unknownKey(key);
            }
            if (existing.isObject() && existing.isEmpty()) {
                // an empty map in the defaults (e.g. gateway.auth.roles) takes the user's entries as they are
                target.set(f.getKey(), f.getValue());
            } else if (existing.isObject() && f.getValue().isObject()) {
                merge((ObjectNode) existing, f.getValue(), key);
            } else {
                target.set(f.getKey(), f.getValue());
            }
        }
    }

    /** Sets {@code a.b.c} to a scalar given as text (Jackson coerces it to the record's type when binding). */
    static void set(ObjectNode tree, String dotted, String value) {
        String[] parts = dotted.split("\\.");
        ObjectNode node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            if (!(child instanceof ObjectNode)) {
                throw unknownKey(dotted);
            }
            node = (ObjectNode) child;
        }
        String leaf = parts[parts.length - 1];
        if (!node.has(leaf) || node.get(leaf).isObject()) {
            throw unknownKey(dotted);
        }
        node.set(leaf, TextNode.valueOf(value));
    }

    /**
     * Sets the scalar key of {@code node} whose lower-cased name is {@code leaf}, or one in a nested object whose
     * name is a prefix of it ({@code authsecret} → {@code auth.secret}); false when there is none.
     */
    private static boolean setLeaf(ObjectNode node, String leaf, String value) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String k = f.getKey().toLowerCase(Locale.ROOT);
            if (f.getValue().isObject()) {
                if (leaf.startsWith(k) && leaf.length() > k.length()
                        && setLeaf((ObjectNode) f.getValue(), leaf.substring(k.length()), value)) {
                    return true;
                }
            } else if (k.equals(leaf)) {
                node.set(f.getKey(), TextNode.valueOf(value));
                return true;
            }
        }
        return false;
    }

    /**
     * {@code GATEWAY_MAXFRAMEBYTES} → {@code gateway.maxFrameBytes}, matching existing keys case-insensitively.
     * Variables that name no section (e.g. the launcher's own {@code TICKGATE_JAVA_OPTS}) are not configuration.
     */
    private static void setByEnvName(ObjectNode tree, String envName, String value) {
        String wanted = envName.toLowerCase(Locale.ROOT);
        boolean sectionMatched = false;
        Iterator<Map.Entry<String, JsonNode>> sections = tree.fields();
        while (sections.hasNext()) {
            Map.Entry<String, JsonNode> s = sections.next();
            String prefix = s.getKey().toLowerCase(Locale.ROOT) + "_";
            if (!wanted.startsWith(prefix) || !s.getValue().isObject()) {
                continue;
            }
            sectionMatched = true;
            if (setLeaf((ObjectNode) s.getValue(), wanted.substring(prefix.length()).replace("_", ""), value)) {
                return;
            }
        }
        List<String> current = LegacySimulatorKeys.currentForEnv(envName);
        if (!current.isEmpty()) {
            current.forEach(k -> set(tree, k, value));
        } else if (sectionMatched) {
            throw new IllegalArgumentException("environment variable " + ENV_PREFIX + envName
                    + " names no configuration key");
        }
    }
}
