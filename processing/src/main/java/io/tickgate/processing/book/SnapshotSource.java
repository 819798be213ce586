package io.tickgate.processing.book;

import io.tickgate.model.event.BookSnapshot;
import java.util.concurrent.CompletableFuture;

/**
 * Fetches a full order-book snapshot for one symbol, asynchronously (Binance: {@code GET /api/v3/depth}). The
 * future may complete on any thread; the sync hands the result back to its owner thread. Implementations must not
 * block the caller.
 */
@FunctionalInterface
public interface SnapshotSource {

    /**
     * Starts fetching the snapshot of {@code symbol}; the snapshot's {@code sequence} is the venue's update id it is
     * consistent with ({@code lastUpdateId}). Fails the future (never throws) when the snapshot cannot be had.
     */
    CompletableFuture<BookSnapshot> fetch(String symbol);

    /** A source that has no snapshots: every fetch fails at once, so books stay unsynced (e.g. replay without REST). */
    static SnapshotSource unavailable() {
        return symbol -> CompletableFuture.failedFuture(
                new IllegalStateException("no snapshot source for " + symbol));
    }
}
