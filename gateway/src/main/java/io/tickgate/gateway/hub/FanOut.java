package io.tickgate.gateway.hub;

import io.netty.buffer.ByteBuf;
import io.tickgate.bus.api.Envelope;
import io.tickgate.gateway.codec.ServerMessageEncoder;
import io.tickgate.gateway.metrics.GatewayMetrics;
import io.tickgate.model.event.Kline;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * A hub shard's deliveries of one message, or of a snapshot replacing what subscribers held, to a topic's
 * subscribers, and the topic's serialized snapshot (cached per seq). Subscribers a delivery finds gone are forgotten.
 * Runs on the shard's thread only, on the shard's {@link TopicState}s.
 */
final class FanOut {

    private final ServerMessageEncoder encoder;
    private final GatewayMetrics metrics;
    /** Told of a topic whose subscribers changed (per-topic intake: it may start to linger). */
    private final Consumer<TopicState> idle;

    FanOut(ServerMessageEncoder encoder, GatewayMetrics metrics, Consumer<TopicState> idle) {
        this.encoder = encoder;
        this.metrics = metrics;
        this.idle = idle;
    }

    /**
     * Hands one message to every subscriber, sharing {@code frame}. An event topic's message goes to each event loop
     * once for all its subscribers there ({@link WakeupBatch#handOffShared}); a state topic's to each subscriber,
     * where a congested one gets the topic's snapshot at this seq instead (conflatable: it replaces the subscriber's
     * queued snapshot of the topic). A closed kline is never conflated, so candle closes are not lost.
     */
    void message(TopicState st, Envelope e, ByteBuf frame) {
        if (!st.topic.channel().isState()) {
            fanOutEvent(st, e, frame);
            return;
        }
        boolean conflatable = !(e.event() instanceof Kline k && k.closed());
        // one reference per subscriber taken at once (one atomic update, not one per subscriber); each gets a plain
        // duplicate (own indices, shared count): no pooled wrapper to recycle across threads
        int unused = st.subscribers.size();
        if (unused > 0) {
            frame.retain(unused);
        }
        List<Subscriber> gone = null;
        try {
            for (Subscriber s : st.subscribers) {
                boolean alive;
                if (conflatable && s.congested()) {
                    alive = s.deliverConflatable(st.topic, liveSnapshot(st, e).retainedDuplicate(), e.ingestNanos());
                } else {
                    unused--;
                    alive = s.deliverData(st.topic, frame.duplicate(), e.ingestNanos());
                }
                if (!alive) {
                    gone = gone(gone, s);
                }
            }
        } finally {
            if (unused > 0) {
                frame.release(unused);
            }
        }
        removeGone(st, gone);
    }

    /** An event topic's message: one entry per event loop, and a delivery to each subscriber on none. */
    private void fanOutEvent(TopicState st, Envelope e, ByteBuf frame) {
        List<Subscriber> gone = null;
        List<LoopGroups.Group> groups = st.loops.groups();
        for (int i = 0; i < groups.size(); i++) {
            LoopGroups.Group g = groups.get(i);
            if (!WakeupBatch.handOffShared(g.executor(), g.members(), st.topic, frame, e.ingestNanos())) {
                gone = deliverEach(st, Arrays.asList(g.members()), frame, e.ingestNanos(), gone);
            }
        }
        if (!st.others.isEmpty()) {
            gone = deliverEach(st, st.others, frame, e.ingestNanos(), gone);
        }
        if (gone != null) {
            removeGone(st, gone);
        }
    }

    /** The topic's snapshot at the current seq, as a live {@code snapshot} message (with ts); cached per seq. */
    ByteBuf liveSnapshot(TopicState st, Envelope e) {
        return currentSnapshot(st, e.ingestTime());
    }

    /** The topic's snapshot at the current seq as a {@code snapshot} message ({@code ts} 0: none); cached per seq. */
    ByteBuf currentSnapshot(TopicState st, long ts) {
        ByteBuf snapshot = st.cachedSnapshot();
        if (snapshot == null) {
            snapshot = encoder.snapshot(st.topic.toString(), st.epoch, st.seq, ts, st.state.snapshot());
            st.cacheSnapshot(snapshot);
        }
        return snapshot;
    }

    /** Gives every subscriber {@code frame} (a snapshot replacing what it held; not owned by this call). */
    void snapshot(TopicState st, ByteBuf frame) {
        removeGone(st, deliverEach(st, st.subscribers, frame, 0, null));
    }

    /**
     * Gives each of {@code to} its own reference to {@code frame} (not owned by this call); returns {@code gone}
     * with the subscribers found gone added (null while none).
     */
    private static List<Subscriber> deliverEach(TopicState st, Iterable<? extends Subscriber> to, ByteBuf frame,
                                                long ingestNanos, List<Subscriber> gone) {
        List<Subscriber> found = gone;
        for (Subscriber s : to) {
            if (!s.deliverData(st.topic, frame.retainedDuplicate(), ingestNanos)) {
                found = gone(found, s);
            }
        }
        return found;
    }

    private static List<Subscriber> gone(List<Subscriber> gone, Subscriber s) {
        List<Subscriber> list = gone == null ? new ArrayList<>() : gone;
        list.add(s);
        return list;
    }

    /** Forgets the subscribers a delivery found gone (null: none), then updates the topic's count. */
    private void removeGone(TopicState st, List<Subscriber> gone) {
        if (gone != null) {
            for (Subscriber s : gone) {
                if (st.removeSubscriber(s)) {
                    metrics.subscriptionRemoved();
                }
            }
        }
        st.info.subscribers(st.subscribers.size());
        idle.accept(st);
    }
}
