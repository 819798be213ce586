package io.tickgate.gateway.hub;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The wake-ups a hub shard owes during one batch of work, sent at its end as one task per executor (a Netty event
 * loop) instead of one per connection: a batch that reaches 1,000 connections on 4 event loops costs 4 task
 * hand-offs and at most 4 wake-ups of a sleeping loop, not 1,000. A {@link Wakeable} asks for its wake-up through
 * {@link #defer}; outside a shard's batch (any other thread) that answers false and the caller wakes itself at once.
 * Something that holds per-batch state on the shard thread (the outbound budget's reserved chunk) is told when the
 * batch ends through {@link #atEnd}. Owned by its shard thread.
 */
public final class WakeupBatch {

    /** Something woken on its own executor: a connection whose event loop drains what the hub handed it. */
    public interface Wakeable {
        /** The executor {@link #wake} must run on. */
        Executor executor();

        /** Runs on {@link #executor()}. */
        void wake();

        /** The executor refused the task (it is shutting down); runs on the shard thread. */
        void wakeRejected();
    }

    /** Told once when the batch it joined through {@link #atEnd} ends; runs on the shard thread. */
    public interface BatchEnd {
        void batchEnded();
    }

    private static final ThreadLocal<WakeupBatch> CURRENT = new ThreadLocal<>();

    private final Map<Executor, List<Wakeable>> byExecutor = new IdentityHashMap<>();
    private final List<BatchEnd> atEnd = new ArrayList<>();

    private WakeupBatch() {
    }

    /** Opens the calling thread's batch (a hub shard's, for its lifetime). */
    static WakeupBatch open() {
        WakeupBatch batch = new WakeupBatch();
        CURRENT.set(batch);
        return batch;
    }

    /**
     * Adds {@code w}'s wake-up to the calling thread's batch; false when the thread has none (the caller then wakes
     * {@code w} itself).
     */
    public static boolean defer(Wakeable w) {
        WakeupBatch batch = CURRENT.get();
        if (batch == null) {
            return false;
        }
        batch.byExecutor.computeIfAbsent(w.executor(), e -> new ArrayList<>()).add(w);
        return true;
    }

    /**
     * Has {@code e} told when the calling thread's current batch ends (once per call); false when the thread has no
     * batch.
     */
    public static boolean atEnd(BatchEnd e) {
        WakeupBatch batch = CURRENT.get();
        if (batch == null) {
            return false;
        }
        batch.atEnd.add(e);
        return true;
    }

    /** Ends the batch: tells those waiting for its end, then sends the wake-ups collected, one task per executor. */
    void flush() {
        if (!atEnd.isEmpty()) {
            for (int i = 0; i < atEnd.size(); i++) {
                atEnd.get(i).batchEnded();
            }
            atEnd.clear();
        }
        if (byExecutor.isEmpty()) {
            return;
        }
        for (Map.Entry<Executor, List<Wakeable>> e : byExecutor.entrySet()) {
            List<Wakeable> woken = e.getValue();
            try {
                e.getKey().execute(() -> {
                    for (int i = 0; i < woken.size(); i++) {
                        woken.get(i).wake();
                    }
                });
            } catch (RejectedExecutionException rejected) {
                for (Wakeable w : woken) {
                    w.wakeRejected();
                }
            }
        }
        byExecutor.clear();
    }

    /** Ends the calling thread's batch, sending what it still holds. */
    void close() {
        flush();
        CURRENT.remove();
    }
}
