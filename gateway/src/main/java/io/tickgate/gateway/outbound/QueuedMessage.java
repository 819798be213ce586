package io.tickgate.gateway.outbound;

import io.netty.buffer.ByteBuf;
import io.tickgate.model.topic.Topic;

/**
 * One message queued for a connection: a serialized message (a whole text frame's payload, shared with other
 * connections) or a whole control frame. {@code topic} is set for topic messages, {@code conflatable} for state
 * snapshots a newer one may supersede; {@code frame} is null once superseded.
 */
final class QueuedMessage {

    ByteBuf frame;
    final int size;
    final long ingestNanos;
    final Topic topic;
    final boolean conflatable;
    /** A whole WebSocket frame (a control frame) written as it is, never batched. */
    final boolean raw;
    /** When it was queued; a snapshot superseding another keeps the older one's time. */
    long queuedNanos;

    private QueuedMessage(ByteBuf frame, long ingestNanos, Topic topic, boolean conflatable, boolean raw) {
        this.frame = frame;
        this.size = frame.readableBytes();
        this.ingestNanos = ingestNanos;
        this.topic = topic;
        this.conflatable = conflatable;
        this.raw = raw;
        this.queuedNanos = System.nanoTime();
    }

    /** A message, of {@code topic} or (null) of none: a reply, an error. */
    static QueuedMessage message(ByteBuf frame, long ingestNanos, Topic topic) {
        return new QueuedMessage(frame, ingestNanos, topic, false, false);
    }

    /** A state topic's snapshot that a newer one may supersede. */
    static QueuedMessage snapshot(ByteBuf frame, long ingestNanos, Topic topic) {
        return new QueuedMessage(frame, ingestNanos, topic, true, false);
    }

    /** A whole control frame (header included). */
    static QueuedMessage control(ByteBuf wholeFrame) {
        return new QueuedMessage(wholeFrame, 0, null, false, true);
    }

    /** What it counts against the budgets. */
    long charge() {
        return charge(size);
    }

    /** What a message of {@code size} bytes counts against the budgets. */
    static long charge(int size) {
        return size + (long) OutboundBudget.MESSAGE_OVERHEAD;
    }

    boolean superseded() {
        return frame == null;
    }

    /** Releases the frame and marks the message superseded. */
    void discard() {
        frame.release();
        frame = null;
    }
}
