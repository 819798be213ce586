package io.tickgate.simulator.market;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Rolling-window statistics of one instrument's trades (open, high, low, last, volume), kept in one-minute buckets
 * so that the window slides like a venue's 24-hour ticker. Single writer.
 */
final class TickerWindow {

    private static final long BUCKET_MILLIS = 60_000L;

    private final long windowMillis;
    private final Deque<long[]> buckets = new ArrayDeque<>();
    private long last;
    private long open;
    private long high;
    private long low;
    private long volume;

    /** A window that starts with no trades and a last price of {@code startTicks}. */
    TickerWindow(long windowMillis, long startTicks) {
        this.windowMillis = windowMillis;
        this.last = startTicks;
    }

    /** Adds a trade. */
    void add(long now, long ticks, long lots) {
        long minute = Math.floorDiv(now, BUCKET_MILLIS);
        long[] b = buckets.peekLast();
        if (b == null || b[0] != minute) {
            // minute, open, high, low, volume
            b = new long[] {minute, ticks, ticks, ticks, 0};
            buckets.addLast(b);
        }
        b[2] = Math.max(b[2], ticks);
        b[3] = Math.min(b[3], ticks);
        b[4] += lots;
        last = ticks;
    }

    /** Slides the window to {@code now} and recomputes open, high, low and volume. */
    void roll(long now) {
        long firstMinute = Math.floorDiv(now - windowMillis, BUCKET_MILLIS) + 1;
        while (!buckets.isEmpty() && buckets.peekFirst()[0] < firstMinute) {
            buckets.removeFirst();
        }
        if (buckets.isEmpty()) {
            open = last;
            high = last;
            low = last;
            volume = 0;
            return;
        }
        open = buckets.peekFirst()[1];
        high = Long.MIN_VALUE;
        low = Long.MAX_VALUE;
        volume = 0;
        for (long[] b : buckets) {
            high = Math.max(high, b[2]);
            low = Math.min(low, b[3]);
            volume += b[4];
        }
    }

    long last() {
        return last;
    }

    long open() {
        return open;
    }

    long high() {
        return high;
    }

    long low() {
        return low;
    }

    long volume() {
        return volume;
    }
}
