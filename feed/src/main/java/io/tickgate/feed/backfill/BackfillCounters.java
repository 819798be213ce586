package io.tickgate.feed.backfill;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** What a venue's backfills did, for metrics and {@code /api/v1/feeds}. Written on the processing thread. */
public final class BackfillCounters {

    private final LongAdder backfills = new LongAdder();
    private final LongAdder backfilled = new LongAdder();
    private final LongAdder unrecoverable = new LongAdder();
    private final LongAdder gapNotices = new LongAdder();
    private final LongAdder nanos = new LongAdder();
    private final AtomicLong lastMillis = new AtomicLong();

    void finished(long tookNanos) {
        backfills.increment();
        nanos.add(tookNanos);
        lastMillis.set(tookNanos / 1_000_000);
    }

    void recovered(long trades) {
        backfilled.add(trades);
    }

    void gap(long trades) {
        gapNotices.increment();
        unrecoverable.add(trades);
    }

    /** Holes (id jumps) whose backfill finished, recovered or not. */
    public long backfills() {
        return backfills.sum();
    }

    /** Trades fetched from REST and published. */
    public long backfilled() {
        return backfilled.sum();
    }

    /** Trades announced as lost in gap notices. */
    public long unrecoverable() {
        return unrecoverable.sum();
    }

    /** Gap notices published. */
    public long gapNotices() {
        return gapNotices.sum();
    }

    /** Time spent holding live trades for backfills, all backfills, in seconds. */
    public double backfillSeconds() {
        return nanos.sum() / 1e9;
    }

    /** How long the last backfill held its topic, in ms. */
    public long lastBackfillMillis() {
        return lastMillis.get();
    }
}
