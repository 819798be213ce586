package io.tickgate.processing.book;

/**
 * Book sync settings. Immutable; {@link #defaults()} documents every default.
 *
 * @param maxBufferedUpdates  diffs buffered per symbol while a snapshot is fetched; the oldest are dropped beyond
 *                            it (default 10,000 — 1,000 s of a 100 ms stream)
 * @param maxSnapshotAttempts immediate refetches of a snapshot older than the first buffered diff before waiting for
 *                            the next diff (default 5)
 * @param snapshotDepth       levels per side published (default: all): in the BookSnapshot after a sync, and for
 *                            Binance in the deltas as well, which then keep subscribers' copy equal to the top
 *                            {@code snapshotDepth} levels of the local book (a change deeper than that changes only
 *                            the local book; a level pushed out of the top is published as removed, one moving in
 *                            as added). Binance: at most the REST snapshot's {@code limit}, the depth the sync can
 *                            vouch for
 * @param publishTop          publish a BookTop when the best bid or ask changes (default true; turn off when the
 *                            venue's own top-of-book stream feeds the book.top topic)
 */
public record BookSyncConfig(int maxBufferedUpdates, int maxSnapshotAttempts, int snapshotDepth, boolean publishTop) {

    public BookSyncConfig {
        if (maxBufferedUpdates < 1 || maxSnapshotAttempts < 1 || snapshotDepth < 1) {
            throw new IllegalArgumentException("book sync limits must be positive");
        }
    }

    /** The defaults described above. */
    public static BookSyncConfig defaults() {
        return new BookSyncConfig(10_000, 5, Integer.MAX_VALUE, true);
    }

    public BookSyncConfig withPublishTop(boolean publish) {
        return new BookSyncConfig(maxBufferedUpdates, maxSnapshotAttempts, snapshotDepth, publish);
    }

    public BookSyncConfig withSnapshotDepth(int levels) {
        return new BookSyncConfig(maxBufferedUpdates, maxSnapshotAttempts, levels, publishTop);
    }

    public BookSyncConfig withMaxBufferedUpdates(int max) {
        return new BookSyncConfig(max, maxSnapshotAttempts, snapshotDepth, publishTop);
    }
}
