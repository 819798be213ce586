package io.tickgate.gateway.hub;

import io.netty.buffer.ByteBuf;
import io.tickgate.bus.api.Broker;
import io.tickgate.bus.api.Envelope;
import io.tickgate.bus.api.History;
import io.tickgate.gateway.codec.ServerMessageEncoder;
import io.tickgate.gateway.metrics.GatewayMetrics;
import io.tickgate.gateway.protocol.RequestId;
import io.tickgate.gateway.protocol.ResumePosition;
import io.tickgate.model.event.BookSnapshot;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A shard's answers to {@code resume}: from the topic's local history when it covers the client's position; else,
 * per-topic intake (this node followed the topic only after the client's position, e.g. the client comes from
 * another node), from {@link Broker#history}; else {@code resumed:false} and a snapshot. Per-topic intake, a position
 * ahead of this node's (the client's last node was a few messages ahead) waits for the node ({@link AheadResumes}).
 *
 * <p>The broker's history is asked asynchronously: the resuming client waits (not a subscriber yet, given nothing live) while the shard
 * goes on; the answer comes back through the shard's command queue. Then the client gets {@code subscribed} with
 * {@code resumed:true}, the broker's messages after its position up to the shard's seq, and any later ones from the
 * local history — or, when they do not join up (gone, other epoch, a hole), {@code resumed:false} and a snapshot.
 * Runs on the shard's thread except {@link #request}'s callback.
 */
final class Resumes {

    private static final Logger log = LoggerFactory.getLogger(Resumes.class);

    private final HubShard shard;
    private final Broker broker;
    private final ServerMessageEncoder encoder;
    private final GatewayMetrics metrics;
    private final AheadResumes ahead;

    /** @param broker the shared engine to ask, or null (firehose: the local history is all there is) */
    Resumes(HubShard shard, Broker broker, ServerMessageEncoder encoder, GatewayMetrics metrics) {
        this.shard = shard;
        this.broker = broker;
        this.encoder = encoder;
        this.metrics = metrics;
        this.ahead = new AheadResumes(shard, metrics);
    }

    /** Resumes from positions this node had not reached yet; see {@link AheadResumes}. */
    AheadResumes ahead() {
        return ahead;
    }

    /**
     * Tries to resume {@code s} on {@code st}: true when done (resumed, handed to the broker's history, or the
     * subscriber went away), false when the caller answers with a snapshot.
     */
    boolean resume(TopicState st, Subscriber s, RequestId id, ResumePosition resume) {
        if (!resume.epoch().equals(st.epoch)) {
            metrics.resume(GatewayMetrics.RESUME_EPOCH, 0);
            return false;
        }
        if (broker != null && resume.seq() > st.seq) {
            ahead.await(st, new TopicState.Pending(s, id, resume)); // the client's last node was ahead of this one
            return true;
        }
        st.history.evictExpired(System.nanoTime());
        if (!st.history.covers(resume.seq(), st.seq)) {
            if (broker != null && resume.seq() < st.seq) {
                request(st, new TopicState.Pending(s, id, resume));
                return true;
            }
            metrics.resume(GatewayMetrics.RESUME_RANGE, 0);
            return false;
        }
        if (!s.deliver(encoder.subscribed(id, st.topic.toString(), st.epoch, st.seq, true), 0)) {
            shard.checkIdle(st);
            return true;
        }
        int replayed = st.history.replay(st.topic, resume.seq(), s);
        if (replayed >= 0) {
            metrics.resume(GatewayMetrics.RESUME_OK, replayed);
            shard.addSubscriber(st, s);
        } else {
            shard.checkIdle(st);
        }
        return true;
    }

    /** Asks the broker for the messages after {@code p}'s position; {@code p} waits in {@code st.resuming}. */
    private void request(TopicState st, TopicState.Pending p) {
        st.resuming.add(p);
        try {
            broker.history(st.topic, p.resume().epoch(), p.resume().seq())
                    .whenComplete((h, err) -> shard.execute(() -> finish(st, p, h, err)));
        } catch (RuntimeException e) {
            shard.execute(() -> finish(st, p, null, e));
        }
    }

    private void finish(TopicState st, TopicState.Pending p, History h, Throwable err) {
        if (!shard.current(st) || !st.resuming.remove(p)) {
            return; // unsubscribed, or the topic was dropped, meanwhile
        }
        if (err != null) {
            log.info("{}: broker history for a resume failed ({}); answering with a snapshot", st.topic,
                    err.toString());
            metrics.brokerHistory(GatewayMetrics.HISTORY_FAILED);
        }
        if (err != null || !replay(st, p, h)) {
            if (err == null) {
                metrics.brokerHistory(GatewayMetrics.HISTORY_GONE);
            }
            metrics.resume(GatewayMetrics.RESUME_RANGE, 0);
            // as a plain subscribe: subscribed (resumed:false) and a snapshot, at once or with the awaited image
            shard.subscribe(st.topic, p.subscriber(), p.id(), null);
        }
        shard.checkIdle(st);
    }

    /**
     * Replays {@code h} (plus the local history after its head) when together they reach from the client's position
     * to the shard's seq: true when done (or the subscriber went away), false (nothing sent) when they do not join.
     */
    private boolean replay(TopicState st, TopicState.Pending p, History h) {
        long after = p.resume().seq();
        if (h.gone() || !p.resume().epoch().equals(h.epoch()) || !h.epoch().equals(st.epoch) || after > st.seq
                || !joins(h.envelopes(), after)) {
            return false;
        }
        long head = after + h.envelopes().size();
        boolean localTail = head < st.seq;
        st.history.evictExpired(System.nanoTime());
        if (localTail && !st.history.covers(head, st.seq)) {
            return false;
        }
        Subscriber s = p.subscriber();
        if (!s.deliver(encoder.subscribed(p.id(), st.topic.toString(), st.epoch, st.seq, true), 0)) {
            return true;
        }
        int n = 0;
        for (Envelope e : h.envelopes()) {
            if (e.seq() > st.seq) {
                break;
            }
            if (!s.deliverData(st.topic, frame(st, e), 0)) {
                return true;
            }
            n++;
        }
        if (localTail) {
            int local = st.history.replay(st.topic, head, s);
            if (local < 0) {
                return true;
            }
            n += local;
        }
        metrics.brokerHistory(GatewayMetrics.HISTORY_REPLAYED);
        metrics.resume(GatewayMetrics.RESUME_OK, n);
        shard.addSubscriber(st, s);
        return true;
    }

    /** True when the envelopes are consecutive from {@code after + 1}. */
    private static boolean joins(List<Envelope> envelopes, long after) {
        long expect = after + 1;
        for (Envelope e : envelopes) {
            if (e.seq() != expect++) {
                return false;
            }
        }
        return true;
    }

    /** The frame first sent for {@code e}: a data message, or for a book's snapshot event a live snapshot. */
    private ByteBuf frame(TopicState st, Envelope e) {
        if (e.event() instanceof BookSnapshot) {
            ChannelState book = shard.newState(st.topic);
            book.apply(e.event());
            return encoder.snapshot(st.topic.toString(), e.epoch(), e.seq(), e.ingestTime(), book.snapshot());
        }
        return encoder.data(e);
    }
}
