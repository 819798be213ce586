package io.tickgate.store.writer;

import java.util.concurrent.atomic.AtomicLong;

import static io.tickgate.store.api.TestRows.trade;

/**
 * A feed that never pauses: one trade of {@code symbol} every 5 ms (ids 1, 2, ..., dated {@code t0} + id) offered to
 * a writer from a thread of its own until {@link #stop()}, so the writer's queue is never empty for 100 ms.
 */
final class SteadyFeed implements AutoCloseable {

    private static final long EVERY_MILLIS = 5;

    private final AtomicLong offered = new AtomicLong();
    private final Thread thread;
    private volatile boolean stopped;

    private SteadyFeed(StoreWriter writer, String symbol, long t0) {
        thread = new Thread(() -> {
            while (!stopped) {
                long id = offered.get() + 1;
                if (!writer.offer(trade(symbol, id, t0 + id))) {
                    throw new IllegalStateException("the writer refused trade " + id);
                }
                offered.set(id);
                try {
                    Thread.sleep(EVERY_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "steady-feed-" + symbol);
        thread.setDaemon(true);
    }

    static SteadyFeed start(StoreWriter writer, String symbol, long t0) {
        SteadyFeed feed = new SteadyFeed(writer, symbol, t0);
        feed.thread.start();
        return feed;
    }

    /** Trades offered so far; the last one's id is this number. */
    long offered() {
        return offered.get();
    }

    /** Stops offering and waits for the thread to end. */
    void stop() {
        stopped = true;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
