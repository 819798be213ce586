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
 * subscribers, subscribers waiting (for the first message, for the broker's history, or for the node to reach their
 * resume position), and (per-topic intake) the broker subscription that feeds it. Owned by exactly one shard thread.
 */
final class TopicState {

    /** A subscribe that waits: for the topic's first message or image, or for the broker's history (resume). */
    record Pending(Subscriber subscriber, RequestId id, ResumePosition resume) {
    }

    /** A resume from a position ahead of this node's, waiting until {@code deadlineNanos} for the node to get there. */
    record Ahead(Pending pending, long deadlineNanos) {
    }

    final Topic topic;
    final TopicInfo info;
    /** Replaced (by folding a broker image into fresh state) when the topic is resynchronized. */
    ChannelState state;
    final TopicHistory history;
    /** Every subscriber; changed only through {@link #addSubscriber} and {@link #removeSubscriber}. */
    final Set<Subscriber> subscribers = new LinkedHashSet<>();
    /** The subscribers that live on event loops, grouped by loop (an event topic's messages go per loop). */
    final LoopGroups loops = new LoopGroups();
    /** The other subscribers (not on an event loop): each gets its own delivery. */
    final List<Subscriber> others = new ArrayList<>(0);
    final List<Pending> pending = new ArrayList<>(0);
    /** Resumes waiting for {@code Broker.history}: not yet subscribers, not given live messages. */
    final List<Pending> resuming = new ArrayList<>(0);
    /** Resumes from a seq this node has not reached yet ({@link AheadResumes}). */
    final List<Ahead> ahead = new ArrayList<>(0);
    String epoch;
    /** Seq of the last applied message; 0 = none seen yet. */
    long seq;
    /** Per-topic intake: the broker subscription feeding this topic; null with the firehose and while resyncing. */
    BrokerFeed feed;
    /** True once the state matches the broker (the feed's image was folded); always true with the firehose. */
    boolean synced;
    /** The state was reset to "nothing yet" under subscribers: the next message reaches them as a snapshot. */
    boolean snapshotDue;
    /** Per-topic intake: {@link System#nanoTime()} since which no local client wants the topic; 0 while one does. */
    long idleSinceNanos;
    private ByteBuf snapshotFrame;
    private long snapshotFrameSeq = -1;

    TopicState(Topic topic, ChannelState state, TopicHistory history) {
        this.topic = topic;
        this.info = new TopicInfo(topic);
        this.state = state;
        this.history = history;
    }

    /** Adds a subscriber; false when it already was one. */
    boolean addSubscriber(Subscriber s) {
        if (!subscribers.add(s)) {
            return false;
        }
        if (s instanceof LoopSubscriber l) {
            loops.add(l);
        } else {
            others.add(s);
        }
        return true;
    }

    /** Removes a subscriber; false when it was none. */
    boolean removeSubscriber(Subscriber s) {
        if (!subscribers.remove(s)) {
            return false;
        }
        if (s instanceof LoopSubscriber l) {
            loops.remove(l);
        } else {
            others.remove(s);
        }
        return true;
    }

    /** True while a local client is subscribed or waiting to be. */
    boolean wanted() {
        return !subscribers.isEmpty() || !pending.isEmpty() || !resuming.isEmpty()
                || !ahead.isEmpty();
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
