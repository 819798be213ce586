package io.tickgate.gateway.hub;

import io.tickgate.gateway.metrics.GatewayMetrics;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Resumes from a position this node has not reached yet (per-topic intake on a shared engine): a client that moves
 * from a node that had already delivered seq N to one whose copy of the topic is still at N - 1 asks for "after N",
 * which is no gap, only a head start of the other node. The resume waits (not a subscriber yet, given nothing live)
 * until the topic reaches the client's position, and is then answered from the local history like any other; a topic
 * that does not get there within {@value #WAIT_MILLIS} ms (the position is not the broker's) answers with
 * {@code resumed:false} and a snapshot. Owned by its shard's thread.
 */
final class AheadResumes {

    /** How long a resume may wait for this node to catch up with the client's position. */
    static final long WAIT_MILLIS = 5_000;
    private static final long SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final HubShard shard;
    private final GatewayMetrics metrics;
    /** Topics with at least one waiting resume. */
    private final Set<TopicState> waiting = new LinkedHashSet<>();
    private long lastSweep;

    AheadResumes(HubShard shard, GatewayMetrics metrics) {
        this.shard = shard;
        this.metrics = metrics;
    }

    /** {@code p} waits until {@code st} reaches its position, at most {@value #WAIT_MILLIS} ms. */
    void await(TopicState st, TopicState.Pending p) {
        st.ahead.add(new TopicState.Ahead(p, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS)));
        waiting.add(st);
    }

    /** After {@code st} moved: the waiting resumes it now reaches are answered (from the local history). */
    void reached(TopicState st) {
        if (st.ahead.isEmpty()) {
            return;
        }
        Iterator<TopicState.Ahead> it = st.ahead.iterator();
        while (it.hasNext()) {
            TopicState.Pending p = it.next().pending();
            if (p.resume().seq() <= st.seq || !p.resume().epoch().equals(st.epoch)) {
                it.remove();
                shard.activate(st, p.subscriber(), p.id(), p.resume());
            }
        }
        if (st.ahead.isEmpty()) {
            waiting.remove(st);
        }
    }

    /** Every 100 ms: resumes that waited too long get {@code resumed:false} and a snapshot. */
    void sweep() {
        if (waiting.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastSweep < SWEEP_NANOS) {
            return;
        }
        lastSweep = now;
        Iterator<TopicState> topics = waiting.iterator();
        while (topics.hasNext()) {
            TopicState st = topics.next();
            Iterator<TopicState.Ahead> it = st.ahead.iterator();
            while (it.hasNext()) {
                TopicState.Ahead a = it.next();
                if (now - a.deadlineNanos() >= 0) {
                    it.remove();
                    metrics.resume(GatewayMetrics.RESUME_RANGE, 0);
                    TopicState.Pending p = a.pending();
                    shard.activate(st, p.subscriber(), p.id(), null);
                }
            }
            if (st.ahead.isEmpty() || !shard.current(st)) {
                topics.remove();
            }
        }
    }
}
