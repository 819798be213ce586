package io.tickgate.feed.connection;

/**
 * A strict sliding-window limit: at most {@code permits} acquisitions in any interval of {@code windowMillis}. Used
 * for what venues count in windows: connection attempts per IP (Binance 300 per 5 min, OKX 3 per s) and control
 * messages per connection (Binance 5 per s, OKX 480 subscribe requests per hour). A venue's explicit "wait" (HTTP 429
 * {@code Retry-After}) pauses it with {@link #pauseUntil}. Thread-safe (a venue's connections share one for attempts).
 */
public final class SlidingWindowLimiter {

    private final int permits;
    private final long windowMillis;
    private final long[] times;
    private int head;
    private int size;
    private long pausedUntil;
    private long acquired;

    /**
     * @param permits      acquisitions allowed per window
     * @param windowMillis the window length
     */
    public SlidingWindowLimiter(int permits, long windowMillis) {
        if (permits < 1 || windowMillis < 1) {
            throw new IllegalArgumentException("limiter needs permits >= 1 and window >= 1 ms");
        }
        this.permits = permits;
        this.windowMillis = windowMillis;
        this.times = new long[permits];
    }

    /**
     * Takes a permit if one is free now.
     *
     * @return 0 if acquired, else the milliseconds until one may be free (at least 1)
     */
    public synchronized long tryAcquire(long nowMillis) {
        if (nowMillis < pausedUntil) {
            return pausedUntil - nowMillis;
        }
        purge(nowMillis);
        if (size == permits) {
            return Math.max(1, times[head] + windowMillis - nowMillis);
        }
        times[(head + size) % permits] = nowMillis;
        size++;
        acquired++;
        return 0;
    }

    /** Milliseconds until a permit may be free, without taking one (0 = free now). */
    public synchronized long waitMillis(long nowMillis) {
        if (nowMillis < pausedUntil) {
            return pausedUntil - nowMillis;
        }
        purge(nowMillis);
        return size < permits ? 0 : Math.max(1, times[head] + windowMillis - nowMillis);
    }

    /** Refuses every acquisition until {@code untilMillis} (the venue said to wait). */
    public synchronized void pauseUntil(long untilMillis) {
        pausedUntil = Math.max(pausedUntil, untilMillis);
    }

    /** Milliseconds left of a {@link #pauseUntil pause} (0 = not paused), whatever the window holds. */
    public synchronized long pausedMillis(long nowMillis) {
        return Math.max(0, pausedUntil - nowMillis);
    }

    /** Permits used in the window ending now. */
    public synchronized int used(long nowMillis) {
        purge(nowMillis);
        return size;
    }

    /** Permits taken since creation. */
    public synchronized long acquired() {
        return acquired;
    }

    public int permits() {
        return permits;
    }

    public long windowMillis() {
        return windowMillis;
    }

    private void purge(long nowMillis) {
        while (size > 0 && times[head] + windowMillis <= nowMillis) {
            head = (head + 1) % permits;
            size--;
        }
    }
}
