package io.tickgate.client;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded queue between the socket (producer: the client's event loop) and the listeners (consumer: one
 * dispatcher thread), so a slow listener never stalls the socket. Offers never block; the caller decides what a
 * full queue means (see {@link TickgateClient}). A listener that throws is logged and does not stop dispatching.
 */
final class ListenerQueue implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ListenerQueue.class);

    private final ArrayBlockingQueue<Runnable> queue;
    private final Thread thread;
    private volatile boolean running = true;

    ListenerQueue(int capacity, String name) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues a callback; false when the queue is full. Never blocks. */
    boolean offer(Runnable callback) {
        return queue.offer(callback);
    }

    /** Free slots; exact for the single producer (only the consumer removes meanwhile). */
    int remainingCapacity() {
        return queue.remainingCapacity();
    }

    int size() {
        return queue.size();
    }

    private void run() {
        while (running || !queue.isEmpty()) {
            Runnable r;
            try {
                r = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (r == null) {
                continue;
            }
            try {
                r.run();
            } catch (RuntimeException e) {
                log.warn("tickgate client listener failed", e);
            }
        }
    }

    /** Stops after the queued callbacks ran, waiting at most {@code waitMillis}; then drops the rest. */
    void close(long waitMillis) {
        running = false;
        try {
            thread.join(waitMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.interrupt();
        queue.clear();
    }

    @Override
    public void close() {
        close(1_000);
    }
}
