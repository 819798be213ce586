package io.tickgate.processing.book;

/**
 * Book sync settings. Immutable; {@link #defaults()} documents every default.
 *
 * @param maxBufferedUpdates  diffs buffered per symbol while a snapshot is fetched; the oldest are dropped beyond
 *                            it (default 10,000 — 1,000 s of a 100 ms stream)
 * @param maxSnapshotAttempts immediate refetches of a snapshot older than the first buffered diff before waiting for
 *                            the next diff (default 5)
 * @param snapshotDepth       levels per side in the BookSnapshot published after a sync (default: all)
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

    public BookSyncConfig withMaxBufferedUpdates(int max) {
        return new BookSyncConfig(max, maxSnapshotAttempts, snapshotDepth, publishTop);
    }
}
