package io.tickgate.feed.pipeline;

/**
 * When a symbol counts as stale, and what is done about it (one venue's setting).
 *
 * <p>A symbol is <em>stale</em> when it is active (it delivered at least {@link StaleSymbols#ACTIVE_MESSAGES}
 * messages), has been silent for more than {@code max(factor × its mean gap between messages, minSilenceMillis)}
 * (the mean gap is its own recent rate: over its first 50 messages the time since its socket took it over per
 * message, then an exponentially weighted mean of about the last 50 gaps; it does not move while it is silent), and its socket delivered other symbols' data after that point, so the socket itself is
 * alive. The time a socket took a symbol over (connect, move, rotation) counts as its last message.
 *
 * <p>A symbol's own recent rate cannot foresee a change of its activity: when a busy spell ends, the symbol may trade
 * twenty times less from one moment to the next, and its next silence may exceed {@code factor} of its recent gaps.
 * The minimum silence is what covers that: set it above the longest natural silence of the calmest symbol followed
 * (30 s by default); streams that update on a timer (book depth every 100 ms) are judged reliably at any rate.
 *
 * <p>What is done, one step per threshold and then with the waits doubling (up to 64 × the threshold) while it
 * stays silent: {@code resubscribes} times an unsubscribe + subscribe of the symbol on its socket, then its
 * connection is recycled (a new socket make-before-break, as for a planned rotation), then resubscribes again.
 * Data from the symbol ends the episode.
 *
 * @param factor           how many mean gaps of silence count as stale; 0 turns detection off, else at least 2
 * @param minSilenceMillis never stale before this much silence (at least 1)
 * @param resubscribes     resubscriptions before the connection is recycled (0 = recycle at once)
 */
public record StaleRule(double factor, long minSilenceMillis, int resubscribes) {

    public StaleRule {
        if (factor != 0 && !(factor >= 2)) {
            throw new IllegalArgumentException("stale factor must be 0 (off) or at least 2, got " + factor);
        }
        if (minSilenceMillis < 1) {
            throw new IllegalArgumentException("stale minimum silence must be at least 1 ms, got " + minSilenceMillis);
        }
        if (resubscribes < 0) {
            throw new IllegalArgumentException("stale resubscribes must be >= 0, got " + resubscribes);
        }
    }

    /** Detection off. */
    public static StaleRule off() {
        return new StaleRule(0, 30_000, 2);
    }

    /** The pool defaults: 50 mean gaps, at least 30 s, two resubscriptions before a recycle. */
    public static StaleRule defaults() {
        return new StaleRule(50, 30_000, 2);
    }

    public boolean enabled() {
        return factor > 0;
    }
}
