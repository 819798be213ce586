package io.tickgate.bus.presence;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The text forms of registry entries and control commands in a shared store: flat JSON objects of strings and
 * numbers (a reader ignores fields it does not know, so nodes of different versions can share a store).
 */
public final class PresenceCodec {

    private static final JsonFactory JSON = new JsonFactory();

    private PresenceCodec() {
    }

    public static String encode(ConnectionEntry c) {
        return write(Map.of("c", c.connectionId(), "n", c.nodeId(), "u", c.user() == null ? "" : c.user(),
                "a", c.address(), "t", c.openedAt()));
    }

    /** @throws IllegalArgumentException when the text is not an entry */
    public static ConnectionEntry connection(String text) {
        Map<String, Object> m = read(text);
        String user = (String) m.getOrDefault("u", "");
        return new ConnectionEntry(str(m, "c"), str(m, "n"), user.isEmpty() ? null : user, str(m, "a"), num(m, "t"));
    }

    public static String encode(ControlCommand c) {
        return write(Map.of("k", c.kind(), "u", c.user(), "r", c.reason()));
    }

    /** @throws IllegalArgumentException when the text is not a command */
    public static ControlCommand command(String text) {
        Map<String, Object> m = read(text);
        return new ControlCommand(str(m, "k"), str(m, "u"), (String) m.get("r"));
    }

    private static String write(Map<String, Object> fields) {
        StringWriter w = new StringWriter(128);
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            for (Map.Entry<String, Object> e : fields.entrySet()) {
                if (e.getValue() instanceof Long n) {
                    g.writeNumberField(e.getKey(), n);
                } else {
                    g.writeStringField(e.getKey(), String.valueOf(e.getValue()));
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static Map<String, Object> read(String text) {
        Map<String, Object> out = new HashMap<>();
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (v == JsonToken.VALUE_STRING) {
                    out.put(name, p.getText());
                } else if (v == JsonToken.VALUE_NUMBER_INT) {
                    out.put(name, p.getLongValue());
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("bad presence entry: " + e.getMessage() + " in "
                    + text.substring(0, Math.min(120, text.length())), e);
        }
        return out;
    }

    private static String str(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("presence entry without \"" + key + "\"");
        }
        return s;
    }

    private static long num(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v instanceof Long n ? n : 0;
    }
}
