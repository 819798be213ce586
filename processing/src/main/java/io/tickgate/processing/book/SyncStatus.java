package io.tickgate.processing.book;

/** What a book sync did with one venue message. Sync methods return a status instead of throwing. */
public enum SyncStatus {
    /** Buffered while the snapshot is being fetched. */
    BUFFERED,
    /** Applied to a synced book (events published). */
    APPLIED,
    /** A snapshot was applied and the book is synced (a full BookSnapshot published). */
    SYNCED,
    /** Older than the book (e.g. {@code u <= lastUpdateId}): dropped, as the venue's algorithm says. */
    STALE,
    /** Not applicable now (an OKX update before its snapshot arrived): dropped. */
    IGNORED,
    /** A sequence gap: the symbol is being resynced. */
    GAP,
    /** A checksum mismatch: the symbol is being resynced. */
    CHECKSUM_MISMATCH,
    /** The message is inconsistent (e.g. for another venue or symbol). */
    REJECTED
}
