package io.tickgate.store.writer;

import io.micrometer.core.instrument.MeterRegistry;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.Kline;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.event.Trade;
import io.tickgate.store.api.HistoryStore;
import io.tickgate.store.api.StoreSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Writes rows to a {@link HistoryStore} off the producer's thread. {@link #offer} never blocks: a full queue drops
 * the row and counts it. One writer thread owns the batch: it takes up to {@code batchSize} rows, writes them in one
 * transaction, and on failure keeps the same batch and retries every {@code retryMillis}, so rows go in in arrival
 * order once the database is back. A row that has waited longer than {@code maxWaitMillis} is dropped and counted
 * instead of written. A retry of a batch the database did commit stores nothing twice: the backends skip rows they
 * hold ({@link HistoryStore}). The same thread runs {@link Retention} when due, between batches or when idle.
 *
 * <p>{@link #problem} reports not only a write that failed but one that does not return ({@link DatabaseCall}: a
 * frozen server, a locked table; the backends' timeouts end it eventually) and rows older than {@code maxWaitMillis}
 * (the database answers, too slowly to keep up), so {@code /ready} and the lag gauge tell the truth while the writer
 * thread waits.
 */
public final class StoreWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StoreWriter.class);
    private static final long CLOSE_DRAIN_MILLIS = 5_000;

    /** A row and when it was offered. */
    private record Queued(MarketEvent row, long offeredAt) {
    }

    private final HistoryStore store;
    private final StoreSettings settings;
    private final BlockingQueue<Queued> queue;
    /** Owned by the writer thread; its size is read by the gauges. */
    private final ArrayDeque<Queued> batch = new ArrayDeque<>();
    private final WriterMetrics metrics;
    private final Thread thread;
    private volatile boolean closing;
    private volatile String failure;
    private volatile long failingSince;
    /** When the batch's first row was offered; 0 when the batch is empty. */
    private volatile long oldestOfferedAt;
    private final Retention retention;
    private final DatabaseCall call = new DatabaseCall();

    public StoreWriter(HistoryStore store, StoreSettings settings, MeterRegistry registry) {
        this.store = store;
        this.settings = settings;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.metrics = new WriterMetrics(registry, store.backend(), this);
        this.retention = new Retention(store, settings);
        this.thread = new Thread(this::run, "store-writer-" + store.backend());
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues a trade for writing. Never blocks; false (counted) when the queue is full. */
    public boolean offer(Trade trade) {
        return enqueue(trade);
    }

    /** Queues a closed candle for writing. Never blocks; false (counted) when the queue is full. */
    public boolean offer(Kline kline) {
        return enqueue(kline);
    }

    /** Queues a book snapshot for writing. Never blocks; false (counted) when the queue is full. */
    public boolean offer(BookSnapshot book) {
        return enqueue(book);
    }

    private boolean enqueue(MarketEvent row) {
        if (closing || !queue.offer(new Queued(row, System.currentTimeMillis()))) {
            metrics.droppedQueueFull.increment();
            return false;
        }
        return true;
    }

    /** Rows waiting (queued or in the batch being written). */
    public long waiting() {
        return queue.size() + (long) batch.size();
    }

    /** How long the oldest waiting row (the batch's first, else the queue's) has waited, ms (0 when none waits). */
    public long lagMillis() {
        long oldest = oldestOfferedAt;
        if (oldest == 0) {
            Queued head = queue.peek();
            oldest = head == null ? 0 : head.offeredAt();
        }
        return oldest == 0 ? 0 : Math.max(0, System.currentTimeMillis() - oldest);
    }

    /** Rows dropped so far (queue full or waited too long). */
    public long dropped() {
        return metrics.dropped();
    }

    /** Trades, candles and book snapshots written so far. */
    public long written() {
        return (long) (metrics.tradesWritten.count() + metrics.klinesWritten.count() + metrics.booksWritten.count());
    }

    /**
     * For {@code /ready}: null while writes succeed in time; else why not, with the queue, lag and drops: the last
     * write failed, a write (or retention run) has been waiting for the database longer than {@code
     * writeTimeoutMillis}, or the oldest waiting row has waited longer than {@code maxWaitMillis}. The gateway keeps
     * serving live data either way; the check tells an operator the history has a hole forming.
     */
    public String problem() {
        if (!thread.isAlive() && !closing) {
            return "store writer thread stopped";
        }
        long now = System.currentTimeMillis();
        String f = failure;
        if (f != null) {
            return store.backend() + " failing for " + (now - failingSince) / 1000 + " s (" + f + "); " + backlog();
        }
        String stuck = call.overdue(now, settings.writeTimeoutMillis());
        if (stuck != null) {
            return store.backend() + " " + stuck + " without an answer (server frozen, or a table locked?); "
                    + backlog();
        }
        if (lagMillis() > settings.maxWaitMillis()) {
            return store.backend() + " behind: rows wait longer than maxWaitMillis (" + settings.maxWaitMillis()
                    + " ms) and are dropped; " + backlog();
        }
        return null;
    }

    private String backlog() {
        return waiting() + " rows waiting, lag " + lagMillis() + " ms, " + dropped() + " dropped";
    }

    private void run() {
        long closeBy = Long.MAX_VALUE;
        while (true) {
            if (closing && closeBy == Long.MAX_VALUE) {
                closeBy = System.currentTimeMillis() + CLOSE_DRAIN_MILLIS;
            }
            if ((closing && batch.isEmpty() && queue.isEmpty()) || System.currentTimeMillis() > closeBy) {
                return;
            }
            try {
                if (!fill()) {
                    runRetention();
                    continue;
                }
                if (writeBatch()) {
                    runRetention(); // after a write too: a steady feed never lets fill() come back empty
                } else {
                    Thread.sleep(settings.retryMillis());
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Tops the batch up from the queue, dropping rows that waited too long; false when there is nothing to do. */
    private boolean fill() throws InterruptedException {
        long now = System.currentTimeMillis();
        while (!batch.isEmpty() && expired(batch.peekFirst(), now)) {
            batch.pollFirst();
            metrics.droppedExpired.increment();
        }
        if (batch.isEmpty()) {
            oldestOfferedAt = 0;
            Queued first = queue.poll(100, TimeUnit.MILLISECONDS);
            if (first == null) {
                return false;
            }
            addUnlessExpired(first, System.currentTimeMillis());
        }
        List<Queued> more = new ArrayList<>();
        queue.drainTo(more, settings.batchSize() - batch.size());
        for (Queued q : more) {
            addUnlessExpired(q, now);
        }
        Queued head = batch.peekFirst();
        oldestOfferedAt = head == null ? 0 : head.offeredAt();
        return !batch.isEmpty();
    }

    private void addUnlessExpired(Queued q, long now) {
        if (expired(q, now)) {
            metrics.droppedExpired.increment();
        } else {
            batch.addLast(q);
        }
    }

    private boolean expired(Queued q, long now) {
        return now - q.offeredAt() > settings.maxWaitMillis();
    }

    private boolean writeBatch() {
        List<Trade> trades = new ArrayList<>();
        List<Kline> klines = new ArrayList<>();
        List<BookSnapshot> books = new ArrayList<>();
        for (Queued q : batch) {
            if (q.row() instanceof Trade t) {
                trades.add(t);
            } else if (q.row() instanceof Kline k) {
                klines.add(k);
            } else {
                books.add((BookSnapshot) q.row());
            }
        }
        long start = System.nanoTime();
        call.enter("write of " + batch.size() + " rows", System.currentTimeMillis());
        try {
            store.write(new HistoryStore.Batch(trades, klines, books));
        } catch (Exception e) {
            metrics.failures.increment();
            if (failure == null) {
                failingSince = System.currentTimeMillis();
                LOG.warn("store {}: write failed, retrying every {} ms (rows wait up to {} ms): {}",
                        store.backend(), settings.retryMillis(), settings.maxWaitMillis(), e.toString());
            }
            failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return false;
        } finally {
            call.exit();
        }
        metrics.batchWrite.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        metrics.tradesWritten.increment(trades.size());
        metrics.klinesWritten.increment(klines.size());
        metrics.booksWritten.increment(books.size());
        batch.clear();
        oldestOfferedAt = 0;
        if (failure != null) {
            LOG.info("store {}: writing again after {} ms of failures", store.backend(),
                    System.currentTimeMillis() - failingSince);
            failure = null;
        }
        return true;
    }

    private void runRetention() {
        long now = System.currentTimeMillis();
        if (!retention.due(now)) {
            return;
        }
        call.enter("retention", now);
        try {
            retention.runIfDue(now);
        } finally {
            call.exit();
        }
    }

    /** Stops taking rows, writes what waits (for at most 5 s), stops the thread. Does not close the store. */
    @Override
    public void close() {
        closing = true;
        try {
            thread.join(CLOSE_DRAIN_MILLIS + 2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.interrupt();
    }
}
