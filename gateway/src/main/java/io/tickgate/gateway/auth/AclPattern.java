package io.tickgate.gateway.auth;

import java.util.Arrays;

/**
 * One topic pattern of an access list, matched against a whole topic name segment by segment ({@code .} separates
 * segments): {@code *} matches exactly one segment, {@code **} as the last segment matches one or more remaining
 * segments. {@code binance.*.trade} allows every Binance trade topic, {@code *.*.kline.*} every kline,
 * {@code binance.**} everything from Binance and {@code **} everything. Unlike a subscription pattern, the channel
 * may be a wildcard too.
 */
public final class AclPattern {

    private static final int MAX_LENGTH = 200;
    private static final String ONE = "*";
    private static final String REST = "**";

    private final String[] segments;
    private final String text;

    private AclPattern(String[] segments, String text) {
        this.segments = segments;
        this.text = text;
    }

    /**
     * Parses a pattern.
     *
     * @throws IllegalArgumentException when the text is empty, too long, has an empty segment, a {@code **} that is
     *                                  not last, or a {@code *} inside a segment
     */
    public static AclPattern parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("topic pattern must have 1 to " + MAX_LENGTH + " characters");
        }
        String[] parts = text.split("\\.", -1);
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            boolean last = i == parts.length - 1;
            if (p.isEmpty()) {
                throw new IllegalArgumentException("topic pattern \"" + text + "\" has an empty segment");
            }
            if (p.equals(REST) && !last) {
                throw new IllegalArgumentException("topic pattern \"" + text + "\": ** must be the last segment");
            }
            if (p.indexOf('*') >= 0 && !p.equals(ONE) && !p.equals(REST)) {
                throw new IllegalArgumentException("topic pattern \"" + text + "\": * must be a whole segment");
            }
        }
        return new AclPattern(parts, text);
    }

    /** True when {@code topic} (a topic name such as {@code binance.BTCUSDT.trade}) matches. */
    public boolean matches(String topic) {
        String[] t = topic.split("\\.", -1);
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            if (s.equals(REST)) {
                return t.length > i;
            }
            if (i >= t.length || t[i].isEmpty() || !(s.equals(ONE) || s.equals(t[i]))) {
                return false;
            }
        }
        return t.length == segments.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AclPattern other && Arrays.equals(segments, other.segments);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
