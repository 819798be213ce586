package io.tickgate.gateway.outbound;

import io.tickgate.model.topic.Topic;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The hand-off of one connection's messages from hub shards (any thread) to the connection's event loop (the only
 * reader), in delivery order.
 *
 * <p>A state topic's snapshots go through a per-topic {@link Slot}: the queue holds the slot itself once per
 * empty → full change, and a newer snapshot put into a full slot replaces the one waiting there. So an inbox that the
 * event loop does not drain (it is descheduled, or busy) holds at most one snapshot per topic. Any other message of
 * the topic {@link #detach}es the slot first (a later snapshot gets a new one): a snapshot never moves ahead of a
 * message queued before it. A topic's messages come from one hub shard only, so each slot has one writer.
 */
final class Inbox {

    /** A topic's newest snapshot not yet taken by the event loop. */
    private static final class Slot extends AtomicReference<QueuedMessage> {
        private static final long serialVersionUID = 1L;
    }

    /** {@link QueuedMessage}s and full {@link Slot}s. */
    private final Queue<Object> queue = new ConcurrentLinkedQueue<>();
    private final ConcurrentHashMap<Topic, Slot> slots = new ConcurrentHashMap<>();

    /** Appends a message. Any thread. */
    void offer(QueuedMessage m) {
        queue.offer(m);
    }

    /**
     * Puts a snapshot into its topic's slot. Called by the topic's hub shard only.
     *
     * @return the snapshot it replaced (the caller gives its bytes back), or null when the slot was empty and is now
     *         queued (the caller wakes the event loop)
     */
    QueuedMessage offerSnapshot(QueuedMessage m) {
        Slot slot = slots.computeIfAbsent(m.topic, t -> new Slot());
        QueuedMessage old = slot.get();
        if (old != null) {
            m.queuedNanos = Math.min(m.queuedNanos, old.queuedNanos);
            if (slot.compareAndSet(old, m)) {
                return old;
            }
            // the event loop took it just now: the slot is empty, and only this thread fills it
            m.queuedNanos = System.nanoTime();
        }
        slot.set(m);
        queue.offer(slot);
        return null;
    }

    /** Ends the topic's open slot: what is queued after this is not merged into a snapshot before it. */
    void detach(Topic topic) {
        if (!slots.isEmpty()) {
            slots.remove(topic);
        }
    }

    /** The next message; null when none. Event loop (or, once nothing else runs, any single thread). */
    QueuedMessage poll() {
        Object o;
        while ((o = queue.poll()) != null) {
            QueuedMessage m = o instanceof Slot slot ? slot.getAndSet(null) : (QueuedMessage) o;
            if (m != null) {
                return m;
            }
        }
        return null;
    }
}
