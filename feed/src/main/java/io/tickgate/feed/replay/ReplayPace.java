package io.tickgate.feed.replay;

/**
 * How fast a replay runs: called before each frame with the frame's recorded receive time; it may wait.
 */
@FunctionalInterface
public interface ReplayPace {

    /**
     * Waits until the frame received at {@code recordedMillis} (epoch ms; -1 when the line had no time) is due.
     *
     * @throws InterruptedException to stop the replay
     */
    void await(long recordedMillis) throws InterruptedException;

    /** As fast as possible. */
    static ReplayPace fast() {
        return t -> { };
    }

    /**
     * At the recorded speed times {@code speed} ({@code 2} = twice as fast), measured from the first frame with a
     * time: a frame recorded {@code d} ms after the first is handed over {@code d / speed} ms after it.
     */
    static ReplayPace recorded(double speed) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be a positive number: " + speed);
        }
        return new ReplayPace() {
            private long firstRecorded = -1;
            private long startNanos;

            @Override
            public void await(long recordedMillis) throws InterruptedException {
                if (recordedMillis < 0) {
                    return;
                }
                if (firstRecorded < 0) {
                    firstRecorded = recordedMillis;
                    startNanos = System.nanoTime();
                    return;
                }
                long dueNanos = startNanos + (long) ((recordedMillis - firstRecorded) * 1_000_000.0 / speed);
                long wait;
                while ((wait = dueNanos - System.nanoTime()) > 0) {
                    long ms = wait / 1_000_000;
                    Thread.sleep(ms, (int) (wait % 1_000_000));
                }
            }
        };
    }
}
