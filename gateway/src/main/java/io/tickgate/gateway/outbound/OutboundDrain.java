package io.tickgate.gateway.outbound;

import io.netty.channel.Channel;
import io.tickgate.gateway.metrics.GatewayMetrics;

/**
 * The event-loop half of a connection's outbound path: moves the {@link Inbox} into the {@link OutboundQueue}
 * (where a newer snapshot of a state topic supersedes the queued one), then writes the queue through the
 * {@link FrameWriter} while the channel is writable and flushes once per drain, keeping the {@link ConnectionBudget}
 * in step with what left the queue and what still sits in the socket's write buffer ({@link SocketBytes}). Event loop
 * only, except {@link #oldestQueuedNanos()}.
 */
final class OutboundDrain {

    private final Channel channel;
    private final Inbox inbox;
    private final ConnectionBudget budget;
    private final GatewayMetrics metrics;
    private final OutboundQueue queue = new OutboundQueue();
    private final FrameWriter writer;
    private final SocketBytes socketBytes;
    /** Queue time of the oldest message not yet handed to the channel; 0 when none. Read by the budget's guard. */
    private volatile long oldestQueuedNanos;
    /** Messages copied by {@link #writeThrough} since the last drain, and the first one's ingest time. */
    private int writtenThrough;
    private long throughIngestNanos;

    OutboundDrain(Channel channel, Inbox inbox, ConnectionBudget budget, GatewayMetrics metrics, FrameWriter writer) {
        this.channel = channel;
        this.inbox = inbox;
        this.budget = budget;
        this.metrics = metrics;
        this.writer = writer;
        this.socketBytes = new SocketBytes(channel, budget);
    }

    FrameWriter writer() {
        return writer;
    }

    /** {@link System#nanoTime()} when the oldest message not yet handed to the channel was queued; 0 when none. */
    long oldestQueuedNanos() {
        return oldestQueuedNanos;
    }

    /** Takes the inbox, then writes queued messages while the channel is writable. */
    void drain() {
        takeInbox();
        int written = writeQueued();
        if (written > 0) {
            metrics.messagesOut(written);
        }
    }

    /** Brings the budget up to date with the socket's write buffer. */
    void syncSocketBytes() {
        socketBytes.sync();
    }

    /** Moves the inbox into the queue, where a snapshot may supersede the topic's queued one. */
    private void takeInbox() {
        QueuedMessage m;
        while ((m = inbox.poll()) != null) {
            add(m);
        }
        if (oldestQueuedNanos == 0) {
            oldestQueuedNanos = queue.oldestQueuedNanos();
        }
    }

    /** Queues a message a hub round handed over (admitted already); written at the next drain. */
    void accept(QueuedMessage m) {
        add(m);
        if (oldestQueuedNanos == 0) {
            oldestQueuedNanos = m.queuedNanos;
        }
    }

    private void add(QueuedMessage m) {
        QueuedMessage old = queue.add(m);
        if (old != null) {
            budget.unqueued(old.charge());
            metrics.conflated(m.topic.channel().wireName());
        }
    }

    /**
     * Copies a shared pre-framed message straight into this drain's write when nothing is queued before it and the
     * socket takes more; false (nothing done) otherwise. Its bytes are counted once they sit in the socket's buffer.
     */
    boolean writeThrough(io.netty.buffer.ByteBuf frame, long ingestNanos) {
        if (!queue.isEmpty() || !channel.isWritable() || !writer.copyShared(frame)) {
            return false;
        }
        writtenThrough++;
        if (throughIngestNanos == 0) {
            throughIngestNanos = ingestNanos;
        }
        return true;
    }

    /** Writes queued messages while the channel is writable, flushes once; returns the messages written. */
    private int writeQueued() {
        int messages = writtenThrough;
        long oldestIngest = throughIngestNanos;
        writtenThrough = 0;
        throughIngestNanos = 0;
        int n;
        while (channel.isWritable() && (n = writer.writeNext(queue, budget)) > 0) {
            messages += n;
            if (n > 1) {
                metrics.batch();
            }
            if (oldestIngest == 0) {
                oldestIngest = writer.lastIngestNanos();
            }
        }
        if (messages > 0) {
            writer.flush();
            if (oldestIngest != 0) {
                metrics.fanoutLatency(oldestIngest);
            }
        }
        oldestQueuedNanos = queue.oldestQueuedNanos();
        socketBytes.sync();
        return messages;
    }

    /** Writes everything queued regardless of writability (bounded by the budget); no flush. */
    void writeAll() {
        takeInbox();
        int n = 0;
        int written;
        while ((written = writer.writeNext(queue, budget)) > 0) {
            n += written;
        }
        writer.emit();
        if (n > 0) {
            metrics.messagesOut(n);
        }
        oldestQueuedNanos = 0;
    }

    /** Discards everything queued, counting the messages dropped. */
    void releaseAll() {
        int dropped = 0;
        QueuedMessage m;
        while ((m = inbox.poll()) != null) {
            m.frame.release();
            budget.unqueued(m.charge());
            dropped++;
        }
        dropped += queue.clear(budget::unqueued);
        writer.discard();
        oldestQueuedNanos = 0;
        budget.releaseTaken();
        if (dropped > 0) {
            metrics.dropped(dropped);
        }
    }
}
