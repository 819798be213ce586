package io.tickgate.gateway.hub;

import io.netty.buffer.ByteBuf;
import io.tickgate.model.topic.Topic;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a hub shard hands to event loops during one round of its work, sent at the round's end to each executor (a
 * Netty event loop) in the order it was handed over, with one task per executor unless one is on its way already: a
 * round that reaches 1,000 connections on 2 event loops costs at most 2 task hand-offs and 2 wake-ups of a sleeping
 * loop, not 1,000, and a loop that is behind runs every waiting round in one task. Two kinds of entries:
 * <ul>
 *   <li>one connection's own message ({@link #handOff}: a reply, a snapshot, a replayed or state-topic message);</li>
 *   <li>a data message of an event topic for all of the topic's subscribers on that loop ({@link #handOffShared}):
 *       one entry and one reference to the shared frame per loop, the per-subscriber work done on the loop.</li>
 * </ul>
 * The loop runs the entries in order, then wakes every {@link Wakeable} that took something (it writes). Outside a
 * shard's round (any other thread) the hand-offs answer false and the caller uses its own path. Shared entries not
 * yet run are counted per executor; past {@link #MAX_IN_FLIGHT_BYTES} (a stalled loop) they are refused and the
 * caller hands each subscriber its own message, which the subscribers' budgets bound. Owned by its shard thread.
 */
public final class WakeupBatch {

    /** Shared frames' bytes handed to one executor and not yet run, beyond which shared entries are refused. */
    static final long MAX_IN_FLIGHT_BYTES = 16L * 1024 * 1024;

    /** Something that takes hand-offs on its own executor: a connection's outbound path. */
    public interface Wakeable {
        /** The executor the entries run on. */
        Executor executor();

        /**
         * On {@link #executor()}: an item handed over with {@link #handOff}, owned from now on.
         *
         * @return true when this is the first item taken since the last {@link #wake()}
         */
        boolean take(Object item);

        /**
         * On {@link #executor()}, at the end of a task in which it took something (twice in one task when a take
         * threw: the second finds nothing new).
         */
        void wake();

        /** The executor refused the task: {@code item} is given back; runs on the shard thread. */
        void takeRejected(Object item);

        /** The executor refused the task (it is shutting down); runs on the shard thread after the items. */
        void wakeRejected();
    }

    /** A shared data message for the members of one loop. */
    private record Shared(Topic topic, ByteBuf frame, long ingestNanos, LoopSubscriber[] members) {
    }

    /** The entries for one executor: targets (null for a shared entry) and items, in order, and where they go. */
    private static final class Entries {
        final Mailbox box;
        final List<Wakeable> targets = new ArrayList<>();
        final List<Object> items = new ArrayList<>();
        long sharedBytes;

        Entries(Mailbox box) {
            this.box = box;
        }
    }

    /**
     * One executor's hand-offs from this shard: rounds not yet run, and whether a task to run them is on its way.
     * While the loop is behind, one task runs every round waiting (and wakes each connection once for all of them),
     * so a loop that lags does less work per message instead of the same.
     */
    private static final class Mailbox implements Runnable {
        final Queue<Entries> rounds = new ConcurrentLinkedQueue<>();
        final AtomicBoolean scheduled = new AtomicBoolean();
        /** Shared bytes handed over and not yet run. */
        final AtomicLong inFlight = new AtomicLong();

        @Override
        public void run() {
            scheduled.set(false);
            DeferredReleases.around(() -> runRounds(this));
        }
    }

    private static final ThreadLocal<WakeupBatch> CURRENT = new ThreadLocal<>();

    private final Map<Executor, Entries> byExecutor = new IdentityHashMap<>();
    private final Map<Executor, Mailbox> mailboxes = new IdentityHashMap<>();

    private WakeupBatch() {
    }

    /** Opens the calling thread's batch (a hub shard's, for its lifetime). */
    static WakeupBatch open() {
        WakeupBatch batch = new WakeupBatch();
        CURRENT.set(batch);
        return batch;
    }

    /** True on a thread with a round open (a hub shard's). */
    public static boolean inRound() {
        return CURRENT.get() != null;
    }

    /**
     * Hands {@code item} to {@code w} at the end of the calling thread's round; false when the thread has none (the
     * caller then delivers it its own way).
     */
    public static boolean handOff(Wakeable w, Object item) {
        WakeupBatch batch = CURRENT.get();
        if (batch == null) {
            return false;
        }
        Entries e = batch.entries(w.executor());
        e.targets.add(w);
        e.items.add(item);
        return true;
    }

    /**
     * Hands one data message of an event topic to {@code members} (all on {@code executor}), taking one reference
     * to {@code frame} for them; false when the calling thread has no round or the executor has too many shared
     * bytes not yet run (the caller then delivers to each member).
     */
    static boolean handOffShared(Executor executor, LoopSubscriber[] members, Topic topic, ByteBuf frame,
                                 long ingestNanos) {
        WakeupBatch batch = CURRENT.get();
        if (batch == null) {
            return false;
        }
        Entries e = batch.entries(executor);
        int bytes = frame.readableBytes();
        if (e.box.inFlight.get() + e.sharedBytes + bytes > MAX_IN_FLIGHT_BYTES) {
            return false;
        }
        e.targets.add(null);
        e.items.add(new Shared(topic, frame.retain(), ingestNanos, members));
        e.sharedBytes += bytes;
        return true;
    }

    private Entries entries(Executor executor) {
        return byExecutor.computeIfAbsent(executor,
                x -> new Entries(mailboxes.computeIfAbsent(x, y -> new Mailbox())));
    }

    /** Sends the entries collected since the last flush: a task per executor unless one is on its way already. */
    void flush() {
        if (byExecutor.isEmpty()) {
            return;
        }
        try {
            for (Map.Entry<Executor, Entries> x : byExecutor.entrySet()) {
                Entries e = x.getValue();
                Mailbox box = e.box;
                box.inFlight.addAndGet(e.sharedBytes);
                box.rounds.offer(e);
                if (box.scheduled.compareAndSet(false, true)) {
                    try {
                        x.getKey().execute(box);
                    } catch (RejectedExecutionException rejected) {
                        box.scheduled.set(false);
                        Entries r;
                        while ((r = box.rounds.poll()) != null) {
                            box.inFlight.addAndGet(-r.sharedBytes);
                            reject(r);
                        }
                    }
                }
            }
        } finally {
            byExecutor.clear(); // never sent twice, even when an Error interrupts the flush
        }
    }

    /**
     * On the executor: every round's entries in order, then a wake-up of each one that took something. An entry or
     * a wake-up that throws does not stop the others (its connection is woken all the same, so what it took is
     * written or given back when it closes); the first failure is thrown at the end.
     */
    private static void runRounds(Mailbox box) {
        List<Wakeable> woken = new ArrayList<>();
        Throwable failure = null;
        Entries e;
        while ((e = box.rounds.poll()) != null) {
            try {
                failure = run(e, woken, failure);
            } finally {
                box.inFlight.addAndGet(-e.sharedBytes);
            }
        }
        for (int i = 0; i < woken.size(); i++) {
            try {
                woken.get(i).wake();
            } catch (Throwable t) {
                failure = Failures.add(failure, t);
            }
        }
        Failures.rethrow(failure);
    }

    /** Runs {@code e}'s entries, adding who took something to {@code woken}; returns {@code failure} with any new. */
    private static Throwable run(Entries e, List<Wakeable> woken, Throwable failure) {
        Throwable failed = failure;
        for (int i = 0; i < e.items.size(); i++) {
            Wakeable target = e.targets.get(i);
            if (target != null) {
                try {
                    if (target.take(e.items.get(i))) {
                        woken.add(target);
                    }
                } catch (Throwable t) {
                    failed = Failures.add(failed, t);
                    woken.add(target); // perhaps twice: a second wake-up finds nothing to write
                }
                continue;
            }
            Shared s = (Shared) e.items.get(i);
            for (LoopSubscriber m : s.members()) {
                try {
                    if (m.takeShared(s.topic(), s.frame(), s.ingestNanos())) {
                        woken.add(m);
                    }
                } catch (Throwable t) {
                    failed = Failures.add(failed, t);
                    woken.add(m);
                }
            }
            s.frame().release();
        }
        return failed;
    }

    /** The executor refused: every item is given back and every target told, on this thread. */
    private static void reject(Entries e) {
        List<Wakeable> told = new ArrayList<>();
        for (int i = 0; i < e.items.size(); i++) {
            Wakeable target = e.targets.get(i);
            if (target != null) {
                target.takeRejected(e.items.get(i));
                told.add(target);
            } else {
                Shared s = (Shared) e.items.get(i);
                s.frame().release();
                told.addAll(List.of(s.members()));
            }
        }
        for (Wakeable w : told) {
            w.wakeRejected();
        }
    }

    /** Ends the calling thread's batch, sending what it still holds. */
    void close() {
        flush();
        CURRENT.remove();
    }
}
