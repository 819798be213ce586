package io.tickgate.gateway.outbound;

import io.tickgate.model.topic.Topic;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * The hand-off of one connection's messages from other threads to the connection's event loop (the only reader), in
 * delivery order. A hub shard hands its messages over in its round's task instead
 * ({@link io.tickgate.gateway.hub.WakeupBatch}); its state topics' snapshots still go through the slots here.
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
     * @param handOff takes the slot when it was empty and is now full (and answers true): a hub round's hand-off to
     *                the event loop ({@link io.tickgate.gateway.hub.WakeupBatch#handOff}); when it answers false the
     *                slot is queued here
     * @return the snapshot it replaced (the caller gives its bytes back), or null when the slot was empty and is now
     *         handed off or queued (the caller makes sure the event loop runs)
     */
    QueuedMessage offerSnapshot(QueuedMessage m, Predicate<Object> handOff) {
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
        if (!handOff.test(slot)) {
            queue.offer(slot);
        }
        return null;
    }

    /** What a queued or handed-off item holds now: the message, or a slot's snapshot (null when taken already). */
    static QueuedMessage unwrap(Object item) {
        return item instanceof Slot slot ? slot.getAndSet(null) : (QueuedMessage) item;
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
            QueuedMessage m = unwrap(o);
            if (m != null) {
                return m;
            }
        }
        return null;
    }
}
