package io.tickgate.gateway.hub;

import io.netty.buffer.ByteBuf;
import io.tickgate.model.topic.Topic;

/** A receiver of topic messages: one client connection's outbound queue. */
public interface Subscriber {

    /**
     * Queues one serialized message (a whole text frame). Takes ownership of {@code frame}. Called from hub shard
     * threads and never blocks.
     *
     * @param ingestNanos {@link System#nanoTime()} at ingest for data messages (latency metric), 0 for others
     * @return false when the subscriber is gone; the hub then forgets it
     */
    boolean deliver(ByteBuf frame, long ingestNanos);

    /**
     * Queues one message of {@code topic} (data, snapshot, replayed history): like {@link #deliver}, and it also
     * ends any conflation of the topic's earlier queued messages, so nothing of the topic is reordered.
     */
    default boolean deliverData(Topic topic, ByteBuf frame, long ingestNanos) {
        return deliver(frame, ingestNanos);
    }

    /**
     * Queues a {@code snapshot} of a state topic that supersedes every earlier queued message of {@code topic}: a
     * subscriber may replace its not-yet-sent snapshot of the topic with this one (conflation). Takes ownership.
     */
    default boolean deliverConflatable(Topic topic, ByteBuf snapshotFrame, long ingestNanos) {
        return deliver(snapshotFrame, ingestNanos);
    }

    /**
     * True while the subscriber cannot keep up (its socket is not writable). The hub then sends state topics as
     * conflatable snapshots ({@link #deliverConflatable}) instead of updates. Any thread; cheap.
     */
    default boolean congested() {
        return false;
    }
}
