package io.tickgate.store.writer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The writer's meters (docs/operations.md, "History store"), tagged with the backend: rows written and dropped (by
 * reason), failed batches, batch write time, and gauges for the queue and the lag.
 */
final class WriterMetrics {

    final Counter tradesWritten;
    final Counter klinesWritten;
    final Counter booksWritten;
    final Counter droppedQueueFull;
    final Counter droppedExpired;
    final Counter failures;
    final Timer batchWrite;

    WriterMetrics(MeterRegistry registry, String backend, StoreWriter writer) {
        tradesWritten = written(registry, backend, "trade");
        klinesWritten = written(registry, backend, "kline");
        booksWritten = written(registry, backend, "book");
        droppedQueueFull = dropped(registry, backend, "queue_full");
        droppedExpired = dropped(registry, backend, "expired");
        failures = Counter.builder("tickgate.store.write.failures").tag("backend", backend)
                .description("batches the database refused or did not answer (retried)").register(registry);
        batchWrite = Timer.builder("tickgate.store.batch.write").tag("backend", backend)
                .description("time to write one batch").register(registry);
        Gauge.builder("tickgate.store.queue.rows", writer, StoreWriter::waiting).tag("backend", backend)
                .description("rows waiting to be written").register(registry);
        Gauge.builder("tickgate.store.lag.ms", writer, StoreWriter::lagMillis).tag("backend", backend)
                .description("how long the oldest waiting row has waited (ms)").register(registry);
    }

    private static Counter written(MeterRegistry r, String backend, String kind) {
        return Counter.builder("tickgate.store.rows.written").tag("backend", backend).tag("kind", kind)
                .description("rows stored (duplicates skipped by the database count too)").register(r);
    }

    private static Counter dropped(MeterRegistry r, String backend, String reason) {
        return Counter.builder("tickgate.store.rows.dropped").tag("backend", backend).tag("reason", reason)
                .description("rows never stored: the queue was full, or they waited longer than maxWaitMillis")
                .register(r);
    }

    long dropped() {
        return (long) (droppedQueueFull.count() + droppedExpired.count());
    }
}
