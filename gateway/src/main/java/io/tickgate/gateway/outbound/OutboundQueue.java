package io.tickgate.gateway.outbound;

import io.tickgate.model.topic.Topic;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * A connection's queue of messages waiting for its socket, with the conflation rule: a state topic's snapshot
 * supersedes the topic's queued snapshot when nothing else of the topic was queued after that one (any other message
 * of the topic ends the conflation), so the order of a topic's messages never changes. Superseded messages are
 * released at once and skipped later; the queue is compacted when they pile up. Owned by the connection's event loop;
 * no Netty channel involved.
 */
final class OutboundQueue {

    /** Superseded messages tolerated before the queue is compacted. */
    private static final int COMPACT_THRESHOLD = 64;

    private final ArrayDeque<QueuedMessage> pending = new ArrayDeque<>();
    private final Map<Topic, QueuedMessage> conflatable = new HashMap<>();
    private int superseded;

    /** Appends {@code m}; returns the snapshot it superseded (already released), or null. */
    QueuedMessage add(QueuedMessage m) {
        QueuedMessage old = null;
        if (m.conflatable) {
            old = conflatable.put(m.topic, m);
            if (old != null) {
                m.queuedNanos = Math.min(m.queuedNanos, old.queuedNanos);
                old.discard();
                superseded++;
            }
        } else if (m.topic != null && !conflatable.isEmpty()) {
            conflatable.remove(m.topic);
        }
        pending.addLast(m);
        if (superseded > COMPACT_THRESHOLD && superseded > pending.size() / 2) {
            pending.removeIf(QueuedMessage::superseded);
            superseded = 0;
        }
        return old;
    }

    /** The first message not superseded, left in the queue; null when none. */
    QueuedMessage peek() {
        QueuedMessage m;
        while ((m = pending.peekFirst()) != null && m.superseded()) {
            pending.pollFirst();
            superseded--;
        }
        return m;
    }

    /** Removes and returns the first message not superseded (its frame now belongs to the caller); null when none. */
    QueuedMessage poll() {
        QueuedMessage m = peek();
        if (m != null) {
            pending.pollFirst();
            if (m.conflatable && conflatable.get(m.topic) == m) {
                conflatable.remove(m.topic);
            }
        }
        return m;
    }

    /** True when no message waits (superseded ones aside). */
    boolean isEmpty() {
        return peek() == null;
    }

    /** {@link System#nanoTime()} when the first live message was queued; 0 when none. */
    long oldestQueuedNanos() {
        QueuedMessage head = peek();
        return head == null ? 0 : head.queuedNanos;
    }

    /** Releases every message, handing each one's charge to {@code unqueued}; returns how many. */
    int clear(LongConsumer unqueued) {
        int dropped = 0;
        QueuedMessage m;
        while ((m = pending.pollFirst()) != null) {
            if (!m.superseded()) {
                unqueued.accept(m.charge());
                m.discard();
                dropped++;
            }
        }
        conflatable.clear();
        superseded = 0;
        return dropped;
    }
}
