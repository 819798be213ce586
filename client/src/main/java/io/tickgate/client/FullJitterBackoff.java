package io.tickgate.client;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter: a uniformly random delay in {@code [0, min(cap, base * 2^attempt))}, so
 * clients that lost the same server do not come back in lock-step.
 *
 * @param baseMillis ceiling of the first retry's delay
 * @param capMillis  largest ceiling
 */
public record FullJitterBackoff(long baseMillis, long capMillis) implements ReconnectDelay {

    /** Defaults: base 500 ms, cap 30 s. */
    public static final FullJitterBackoff DEFAULT = new FullJitterBackoff(500, 30_000);

    public FullJitterBackoff {
        if (baseMillis <= 0 || capMillis < baseMillis) {
            throw new IllegalArgumentException("need 0 < baseMillis <= capMillis");
        }
    }

    /** The upper bound of the delay before retry {@code attempt}. */
    public long ceilingMillis(int attempt) {
        long ceiling = baseMillis;
        for (int i = 0; i < attempt && ceiling < capMillis; i++) {
            ceiling *= 2; // stops at the cap, long before overflow
        }
        return Math.min(capMillis, ceiling);
    }

    @Override
    public long delayMillis(int attempt) {
        return (long) (ThreadLocalRandom.current().nextDouble() * ceilingMillis(attempt));
    }
}
