package io.tickgate.store.postgres;

import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Topic;
import io.tickgate.store.api.HistoryStore.Batch;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Splits a batch's trades by topic into {@code writers} parts (topics dealt round-robin in order of appearance, so
 * each topic's rows stay in one part and in order; the candles and book snapshots go with the first part) and
 * writes the parts at once, each on its own connection and transaction. Returns when all are done; the first failure fails the batch.
 */
final class ParallelWrites implements AutoCloseable {

    /** One part's write (a whole-batch write of the store). */
    @FunctionalInterface
    interface PartWrite {
        void write(Batch part) throws SQLException;
    }

    private final int writers;
    private final PartWrite write;
    private final ExecutorService pool;

    ParallelWrites(int writers, PartWrite write) {
        this.writers = writers;
        this.write = write;
        this.pool = Executors.newFixedThreadPool(writers, r -> {
            Thread t = new Thread(r, "store-writer-part");
            t.setDaemon(true);
            return t;
        });
    }

    void write(Batch batch) throws SQLException {
        List<Batch> parts = split(batch);
        List<Future<?>> running = new ArrayList<>();
        for (Batch part : parts) {
            running.add(pool.submit(() -> {
                write.write(part);
                return null;
            }));
        }
        SQLException failed = null;
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (ExecutionException e) {
                SQLException cause = e.getCause() instanceof SQLException s ? s
                        : new SQLException("parallel write failed", e.getCause());
                if (failed == null) {
                    failed = cause;
                } else {
                    failed.addSuppressed(cause);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while writing", e);
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    List<Batch> split(Batch batch) {
        List<List<Trade>> trades = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            trades.add(new ArrayList<>());
        }
        Map<Topic, List<Trade>> byTopic = new HashMap<>();
        for (Trade t : batch.trades()) {
            byTopic.computeIfAbsent(t.topic(), k -> trades.get(byTopic.size() % writers)).add(t);
        }
        List<Batch> parts = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            Batch part = i == 0 ? new Batch(trades.get(i), batch.klines(), batch.books())
                    : new Batch(trades.get(i), List.of());
            if (part.size() > 0) {
                parts.add(part);
            }
        }
        return parts;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
