package io.tickgate.feed.pool;

import java.util.function.LongSupplier;

/**
 * The control-message budget a venue's new sockets get (messages per control window): the configured one, halved
 * each time the venue closes a socket for sending too many messages (Binance 1008, {@link #tighten}), and doubled
 * back, capped at the configured one, after a quiet period without such a close ({@link #relax}, one step per quiet
 * period; each close starts the period again). A recovery period of 0 never raises it. Sockets already open keep the
 * budget they were opened with.
 *
 * <p>This class is the only writer of the budget and of the start of the quiet period. It is tightened from the
 * connections' event loops and relaxed from the pool thread, so both go through its monitor; {@link #current} is a
 * plain volatile read (new sockets, the gauge).
 */
final class ControlBudget {

    private final int configured;
    private final long recoveryMillis;
    private final LongSupplier clock;
    private volatile int budget;
    private long quietSince;

    /**
     * @param configured     the configured budget, the most it is ever raised to (at least 1)
     * @param recoveryMillis the quiet period after which the budget doubles back (0 = never)
     * @param clock          milliseconds from a monotonic source (tests pass their own)
     */
    ControlBudget(int configured, long recoveryMillis, LongSupplier clock) {
        if (configured < 1 || recoveryMillis < 0) {
            throw new IllegalArgumentException("control budget needs a budget >= 1 and a recovery period >= 0");
        }
        this.configured = configured;
        this.recoveryMillis = recoveryMillis;
        this.clock = clock;
        this.budget = configured;
        this.quietSince = clock.getAsLong();
    }

    /** A monotonic millisecond clock ({@link System#nanoTime}, not the wall clock, which can jump). */
    static long monotonicMillis() {
        return System.nanoTime() / 1_000_000;
    }

    /** The budget in force: what a socket opened now gets. */
    int current() {
        return budget;
    }

    /**
     * The venue closed a socket for too many messages: halves the budget (at least 1) and starts the quiet period
     * again.
     *
     * @return the new budget
     */
    synchronized int tighten() {
        budget = Math.max(1, budget / 2);
        quietSince = clock.getAsLong();
        return budget;
    }

    /**
     * Called periodically: once a whole quiet period passed since the last close (or the last raise), doubles the
     * budget, capped at the configured one, and starts the next period.
     *
     * @return the new budget if it was raised, else 0
     */
    synchronized int relax() {
        if (recoveryMillis == 0 || budget >= configured) {
            return 0;
        }
        long now = clock.getAsLong();
        if (now - quietSince < recoveryMillis) {
            return 0;
        }
        budget = (int) Math.min(configured, 2L * budget);
        quietSince = now;
        return budget;
    }
}
