package io.tickgate.processing.book;

import io.tickgate.model.event.MarketEvent;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * What a venue's {@link BookSync} is built with.
 *
 * @param owner       runs work on the sync's own thread (snapshot completions land there)
 * @param publish     where book events go (called on the sync's thread)
 * @param counters    syncs, resyncs, gaps, checksums, crossed books
 * @param config      depth and top-of-book settings
 * @param snapshots   REST depth snapshots, already paced ({@link SnapshotSource#unavailable()} when the venue has
 *                    none or they are not configured)
 * @param resubscribe asks the symbol's socket to subscribe its book again (venues whose snapshots come in-band)
 * @param nanoClock   the sync's monotonic time in nanoseconds: {@code System::nanoTime} live, the recorded receive
 *                    time in a replay (so time-based rules fire as they did live); null = {@code System::nanoTime}
 */
public record BookSyncContext(Executor owner, Consumer<MarketEvent> publish, BookSyncCounters counters,
                              BookSyncConfig config, SnapshotSource snapshots, Consumer<String> resubscribe,
                              LongSupplier nanoClock) {

    public BookSyncContext {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(publish, "publish");
        Objects.requireNonNull(counters, "counters");
        Objects.requireNonNull(config, "config");
        snapshots = snapshots == null ? SnapshotSource.unavailable() : snapshots;
        resubscribe = resubscribe == null ? symbol -> { } : resubscribe;
        nanoClock = nanoClock == null ? System::nanoTime : nanoClock;
    }
}
