package io.tickgate.model.event;

import java.util.Locale;

/** Why missed upstream data could not be recovered ({@link TradeGap#reason()}); the wire name is lower-case. */
public enum GapReason {
    /** The venue's REST history no longer holds the trades (it keeps only the most recent ones). */
    HISTORY,
    /** The venue's REST API failed or refused (HTTP error, timeout, rate limit beyond the wait allowed). */
    REST_FAILED,
    /** No REST trade history is configured for the venue or this kind of trade. */
    NO_HISTORY,
    /** A backfill bound was hit: too many trades missed, too many live trades held, or the time allowed ran out. */
    LIMIT;

    /** The name on the wire: {@code history}, {@code rest_failed}, {@code no_history}, {@code limit}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The reason with this wire name.
     *
     * @throws IllegalArgumentException for any other name
     */
    public static GapReason fromWire(String name) {
        for (GapReason r : values()) {
            if (r.wireName().equals(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown gap reason \"" + name + "\"");
    }
}
