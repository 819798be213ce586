package io.tickgate.gateway.hub;

import io.netty.buffer.ByteBuf;
import io.tickgate.gateway.protocol.RequestId;
import io.tickgate.gateway.protocol.ResumePosition;
import io.tickgate.model.topic.Topic;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything the hub keeps for one topic: epoch and seq of the last message, the snapshot state, the history, the
 * subscribers, and subscribers waiting for the first message. Owned by exactly one shard thread.
 */
final class TopicState {

    /** A subscribe that waits for the topic's first message (the hub has not seen one yet). */
    record Pending(Subscriber subscriber, RequestId id, ResumePosition resume) {
    }

    final Topic topic;
    final TopicInfo info;
    final ChannelState state;
    final TopicHistory history;
    final Set<Subscriber> subscribers = new LinkedHashSet<>();
    final List<Pending> pending = new ArrayList<>(0);
    String epoch;
    /** Seq of the last applied message; 0 = none seen yet. */
    long seq;
    private ByteBuf snapshotFrame;
    private long snapshotFrameSeq = -1;

    TopicState(Topic topic, ChannelState state, TopicHistory history) {
        this.topic = topic;
        this.info = new TopicInfo(topic);
        this.state = state;
        this.history = history;
    }

    /** The cached serialized snapshot if it is still for the current seq, else null. */
    ByteBuf cachedSnapshot() {
        return snapshotFrameSeq == seq ? snapshotFrame : null;
    }

    /** Caches a serialized snapshot for the current seq (takes ownership). */
    void cacheSnapshot(ByteBuf frame) {
        releaseSnapshot();
        snapshotFrame = frame;
        snapshotFrameSeq = seq;
    }

    void releaseSnapshot() {
        if (snapshotFrame != null) {
            snapshotFrame.release();
            snapshotFrame = null;
            snapshotFrameSeq = -1;
        }
    }
}
