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
 * Owned by its shard thread.
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

    private static final ThreadLocal<WakeupBatch> CURRENT = new ThreadLocal<>();

    private final Map<Executor, List<Wakeable>> byExecutor = new IdentityHashMap<>();

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

    /** Sends the wake-ups collected since the last flush: one task per executor. */
    void flush() {
        if (byExecutor.isEmpty()) {
            return;
        }
        for (Map.Entry<Executor, List<Wakeable>> e : byExecutor.entrySet()) {
            List<Wakeable> woken = e.getValue();
            try {
                e.getKey().execute(() -> DeferredReleases.around(() -> {
                    for (int i = 0; i < woken.size(); i++) {
                        woken.get(i).wake();
                    }
                }));
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
