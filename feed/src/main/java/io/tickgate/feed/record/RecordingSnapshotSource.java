package io.tickgate.feed.record;

import io.tickgate.model.event.BookSnapshot;
import io.tickgate.processing.book.SnapshotSource;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A REST snapshot source whose snapshots are recorded when they return, before the book sync sees them (the pool
 * puts it between its pacer and the venue's HTTP client, so only snapshots actually fetched are recorded).
 */
public final class RecordingSnapshotSource implements SnapshotSource {

    private final SnapshotSource source;
    private final VenueRecorder recorder;

    public RecordingSnapshotSource(SnapshotSource source, VenueRecorder recorder) {
        this.source = Objects.requireNonNull(source, "source");
        this.recorder = Objects.requireNonNull(recorder, "recorder");
    }

    @Override
    public CompletableFuture<BookSnapshot> fetch(String symbol) {
        return source.fetch(symbol).whenComplete((snapshot, error) -> {
            if (snapshot != null) {
                recorder.snapshot(symbol, System.currentTimeMillis(), snapshot);
            }
        });
    }
}
