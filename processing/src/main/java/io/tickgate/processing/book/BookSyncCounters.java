package io.tickgate.processing.book;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one venue's book syncs. Written by the sync owner thread(s), read by anyone (metrics, replay summary).
 */
public final class BookSyncCounters {

    private final LongAdder booksSynced = new LongAdder();
    private final LongAdder resyncs = new LongAdder();
    private final LongAdder gaps = new LongAdder();
    private final LongAdder checksumsVerified = new LongAdder();
    private final LongAdder checksumsFailed = new LongAdder();
    private final LongAdder crossed = new LongAdder();
    private final LongAdder snapshotRetries = new LongAdder();
    private final LongAdder snapshotFailures = new LongAdder();
    private final LongAdder stale = new LongAdder();

    /** Books brought in sync (first sync and every resync). */
    public long booksSynced() {
        return booksSynced.sum();
    }

    /** Resyncs started after a gap, a checksum mismatch or an explicit request. */
    public long resyncs() {
        return resyncs.sum();
    }

    /** Sequence gaps detected (including checksum mismatches, which are treated as gaps). */
    public long gaps() {
        return gaps.sum();
    }

    public long checksumsVerified() {
        return checksumsVerified.sum();
    }

    public long checksumsFailed() {
        return checksumsFailed.sum();
    }

    /** Times a book became crossed (best bid at or above best ask). */
    public long crossed() {
        return crossed.sum();
    }

    /** Snapshots refetched because they were older than the first buffered update. */
    public long snapshotRetries() {
        return snapshotRetries.sum();
    }

    /** Snapshot fetches that failed. */
    public long snapshotFailures() {
        return snapshotFailures.sum();
    }

    /** Updates dropped as older than the book. */
    public long stale() {
        return stale.sum();
    }

    public void booksSyncedInc() {
        booksSynced.increment();
    }

    public void resyncsInc() {
        resyncs.increment();
    }

    public void gapsInc() {
        gaps.increment();
    }

    public void checksumsVerifiedInc() {
        checksumsVerified.increment();
    }

    public void checksumsFailedInc() {
        checksumsFailed.increment();
    }

    public void crossedInc() {
        crossed.increment();
    }

    public void snapshotRetriesInc() {
        snapshotRetries.increment();
    }

    public void snapshotFailuresInc() {
        snapshotFailures.increment();
    }

    public void staleInc() {
        stale.increment();
    }
}
