package io.tickgate.model.event;

/**
 * Venue trade ids as numbers: the ids a backfill (or a gap notice's range) can reason about are decimal digits that
 * fit in a long.
 */
public final class TradeIds {

    /** What {@link #parse} returns for an id that is not a number (no backfill, no de-duplication by order). */
    public static final long NONE = Long.MIN_VALUE;

    private TradeIds() {
    }

    /** The id as a number, or {@link #NONE}. */
    public static long parse(String id) {
        if (id == null || id.isEmpty() || id.length() > 18) {
            return NONE;
        }
        long v = 0;
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return NONE;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
