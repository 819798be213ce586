package io.tickgate.feed.connection;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Reconnect delays: exponential backoff with full jitter. Attempt {@code n} (0-based) waits a uniformly random time
 * in {@code [0, min(cap, base * 2^n)]}, so clients that lost their connections together do not come back together
 * (no thundering herd), and a venue that stays down is retried forever at most every {@code cap}. {@link #reset()}
 * after a stable period starts over at {@code base}.
 *
 * <p>Not thread-safe: one instance per connection, used on its event loop.
 */
public final class Backoff {

    private final long baseMillis;
    private final long capMillis;
    private final RandomGenerator random;
    private int attempts;

    /**
     * @param baseMillis the first ceiling (DESIGN: 1 s)
     * @param capMillis  the largest ceiling (DESIGN: 60–300 s)
     * @param random     the jitter source (seed it in tests)
     */
    public Backoff(long baseMillis, long capMillis, RandomGenerator random) {
        if (baseMillis < 1 || capMillis < baseMillis) {
            throw new IllegalArgumentException("backoff needs 1 <= base <= cap: " + baseMillis + ", " + capMillis);
        }
        this.baseMillis = baseMillis;
        this.capMillis = capMillis;
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The delay before the next attempt, and counts the attempt. */
    public long nextDelayMillis() {
        long ceiling = ceilingMillis(attempts);
        if (attempts < Integer.MAX_VALUE) {
            attempts++;
        }
        return random.nextLong(ceiling + 1);
    }

    /** The upper bound of the delay of attempt {@code n} (0-based): {@code min(cap, base * 2^n)}. */
    public long ceilingMillis(int n) {
        if (n >= 62 || baseMillis > (capMillis >> Math.min(n, 62))) {
            return capMillis;
        }
        return Math.min(capMillis, baseMillis << n);
    }

    /** Attempts since the last reset. */
    public int attempts() {
        return attempts;
    }

    /** Starts over at {@code base} (the connection has been stable). */
    public void reset() {
        attempts = 0;
    }
}
