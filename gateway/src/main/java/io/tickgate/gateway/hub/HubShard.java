package io.tickgate.gateway.hub;

import io.netty.buffer.ByteBuf;
import io.tickgate.bus.api.Envelope;
import io.tickgate.gateway.codec.ServerMessageEncoder;
import io.tickgate.gateway.metrics.GatewayMetrics;
import io.tickgate.gateway.protocol.RequestId;
import io.tickgate.gateway.protocol.ResumePosition;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.Kline;
import io.tickgate.model.topic.Topic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One single-threaded shard of the hub. Its thread is the only writer of the {@link TopicState}s hashed to it: it
 * applies envelopes, fans them out and runs subscribe/unsubscribe commands, so a new subscriber's snapshot and seq
 * line up exactly with the live messages that follow (no gap, no duplicate).
 *
 * <p>Two queues feed it: a bounded envelope queue (overflow policy: the new envelope is dropped and counted;
 * subscribers then see a seq gap, the protocol's loss signal) and a command queue for subscribe/unsubscribe, which
 * is not dropped (it is bounded by connections × their subscription and rate limits). Commands run first.
 */
final class HubShard implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(HubShard.class);
    private static final int BATCH = 1024;

    private final int index;
    private final ArrayBlockingQueue<Envelope> envelopes;
    private final Queue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final Map<Topic, TopicState> topics = new HashMap<>();
    private final ConcurrentMap<Topic, TopicInfo> directory;
    private final ServerMessageEncoder encoder;
    private final GatewayMetrics metrics;
    private final TopicHub.Settings settings;
    private final List<Envelope> batch = new ArrayList<>(BATCH);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean sleeping;

    HubShard(int index, TopicHub.Settings settings, ConcurrentMap<Topic, TopicInfo> directory,
             ServerMessageEncoder encoder, GatewayMetrics metrics) {
        this.index = index;
        this.envelopes = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.directory = directory;
        this.encoder = encoder;
        this.metrics = metrics;
        this.settings = settings;
        this.thread = new Thread(this, "tickgate-gw-hub-" + index);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Queues an envelope; false (and counted) when the queue is full. Any thread, never blocks. */
    boolean offer(Envelope e) {
        if (!envelopes.offer(e)) {
            metrics.hubDropped();
            return false;
        }
        wake();
        return true;
    }

    /** Runs a command on the shard thread. Any thread, never blocks. */
    void execute(Runnable command) {
        commands.offer(command);
        wake();
    }

    int queueDepth() {
        return envelopes.size();
    }

    /** Null while healthy; else why not: the thread stopped while the shard should run, or its queue is 90 % full. */
    String problem() {
        if (running && !thread.isAlive()) {
            return "hub shard " + index + " thread stopped";
        }
        int depth = envelopes.size();
        int capacity = settings.queueCapacity();
        if (depth >= capacity - capacity / 10) {
            return "hub shard " + index + " queue full (" + depth + " of " + capacity + " envelopes)";
        }
        return null;
    }

    private void wake() {
        if (sleeping) {
            LockSupport.unpark(thread);
        }
    }

    @Override
    public void run() {
        WakeupBatch wakeups = WakeupBatch.open();
        while (running) {
            int work;
            try {
                work = runCommands() + processEnvelopes();
            } catch (RuntimeException e) {
                log.error("hub shard {} failed on a message; continuing", index, e);
                work = 1;
            }
            // the connections this round delivered to: one task per event loop
            wakeups.flush();
            if (work == 0) {
                sleeping = true;
                if (commands.isEmpty() && envelopes.isEmpty() && running) {
                    LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(50));
                }
                sleeping = false;
            }
        }
        wakeups.close();
        for (TopicState st : topics.values()) {
            st.releaseSnapshot();
            st.history.clear();
        }
    }

    void stop(long timeoutMillis) {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int runCommands() {
        int n = 0;
        Runnable c;
        while (n < BATCH && (c = commands.poll()) != null) {
            c.run();
            n++;
        }
        return n;
    }

    private int processEnvelopes() {
        envelopes.drainTo(batch, BATCH);
        int n = batch.size();
        try {
            for (int i = 0; i < n; i++) {
                apply(batch.get(i));
            }
        } finally {
            batch.clear();
        }
        return n;
    }

    private TopicState state(Topic topic) {
        TopicState st = topics.get(topic);
        if (st == null) {
            boolean state = topic.channel().isState();
            TopicHistory history = new TopicHistory(
                    state ? settings.stateHistorySize() : settings.eventHistorySize(),
                    TimeUnit.MILLISECONDS.toNanos(state ? settings.stateHistoryMaxAgeMillis()
                            : settings.eventHistoryMaxAgeMillis()),
                    metrics::historySize);
            st = new TopicState(topic, ChannelState.forChannel(topic.channel(), topic.source(), topic.symbol(),
                    settings.tradeSnapshotSize(), settings.bookSnapshotDepth()), history);
            topics.put(topic, st);
            directory.put(topic, st.info);
        }
        return st;
    }

    private void apply(Envelope e) {
        TopicState st = state(e.topic());
        boolean sameEpoch = e.epoch().equals(st.epoch);
        if (sameEpoch && e.seq() <= st.seq) {
            log.debug("{}: dropping stale seq {} (at {})", st.topic, e.seq(), st.seq);
            return;
        }
        if (sameEpoch && e.seq() != st.seq + 1) {
            metrics.hubGap();
            log.warn("{}: seq gap {} -> {} before fan-out", st.topic, st.seq, e.seq());
        }
        if (!sameEpoch) {
            st.history.clear();
        }
        st.state.apply(e.event());
        st.epoch = e.epoch();
        st.seq = e.seq();
        st.info.update(st.epoch, st.seq);
        if (!st.subscribers.isEmpty() || st.history.enabled()) {
            // serialized once: the same bytes go to every subscriber and into the history
            ByteBuf frame = e.event() instanceof BookSnapshot ? liveSnapshot(st, e).retain() : encoder.data(e);
            try {
                st.history.append(st.seq, System.nanoTime(), frame);
                if (!st.subscribers.isEmpty()) {
                    fanOut(st, e, frame);
                }
            } finally {
                frame.release();
            }
        }
        if (!st.pending.isEmpty()) {
            for (TopicState.Pending p : st.pending) {
                activate(st, p.subscriber(), p.id(), p.resume());
            }
            st.pending.clear();
        }
    }

    /**
     * Hands one message to every subscriber, sharing {@code frame}. A congested subscriber of a state topic gets the
     * topic's snapshot at this seq instead (conflatable: it replaces the subscriber's queued snapshot of the topic).
     * A closed kline is never conflated, so candle closes are not lost.
     */
    private void fanOut(TopicState st, Envelope e, ByteBuf frame) {
        boolean conflatable = st.topic.channel().isState() && !(e.event() instanceof Kline k && k.closed());
        Iterator<Subscriber> it = st.subscribers.iterator();
        while (it.hasNext()) {
            Subscriber s = it.next();
            boolean alive = conflatable && s.congested()
                    ? s.deliverConflatable(st.topic, liveSnapshot(st, e).retainedDuplicate(), e.ingestNanos())
                    : s.deliverData(st.topic, frame.retainedDuplicate(), e.ingestNanos());
            if (!alive) {
                it.remove();
                metrics.subscriptionRemoved();
            }
        }
        st.info.subscribers(st.subscribers.size());
    }

    /** The topic's snapshot at the current seq, as a live {@code snapshot} message (with ts); cached per seq. */
    private ByteBuf liveSnapshot(TopicState st, Envelope e) {
        ByteBuf cached = st.cachedSnapshot();
        if (cached == null) {
            cached = encoder.snapshot(st.topic.toString(), st.epoch, st.seq, e.ingestTime(), st.state.snapshot());
            st.cacheSnapshot(cached);
        }
        return cached;
    }

    /** Command body: subscribe {@code s} to {@code topic}, resuming from {@code resume} when not null. */
    void subscribe(Topic topic, Subscriber s, RequestId id, ResumePosition resume) {
        TopicState st = state(topic);
        if (st.seq == 0) {
            st.pending.add(new TopicState.Pending(s, id, resume));
            return;
        }
        activate(st, s, id, resume);
    }

    /**
     * Sends {@code subscribed} and adds the subscriber. With a resume position the history covers, the missed
     * messages are replayed ({@code resumed:true}); otherwise a snapshot follows (not when already subscribed).
     */
    private void activate(TopicState st, Subscriber s, RequestId id, ResumePosition resume) {
        boolean already = st.subscribers.contains(s);
        if (resume != null && !already && resume(st, s, id, resume)) {
            return;
        }
        if (!s.deliver(encoder.subscribed(id, st.topic.toString(), st.epoch, st.seq, false), 0)) {
            return;
        }
        if (already) {
            return;
        }
        ByteBuf snapshot = st.cachedSnapshot();
        if (snapshot == null) {
            snapshot = encoder.snapshot(st.topic.toString(), st.epoch, st.seq, 0, st.state.snapshot());
            st.cacheSnapshot(snapshot);
        }
        if (s.deliverData(st.topic, snapshot.retainedDuplicate(), 0)) {
            addSubscriber(st, s);
        }
    }

    /** Tries to resume from history; true when done (resumed, or the subscriber went away). */
    private boolean resume(TopicState st, Subscriber s, RequestId id, ResumePosition resume) {
        if (!resume.epoch().equals(st.epoch)) {
            metrics.resume(GatewayMetrics.RESUME_EPOCH, 0);
            return false;
        }
        st.history.evictExpired(System.nanoTime());
        if (!st.history.covers(resume.seq(), st.seq)) {
            metrics.resume(GatewayMetrics.RESUME_RANGE, 0);
            return false;
        }
        if (!s.deliver(encoder.subscribed(id, st.topic.toString(), st.epoch, st.seq, true), 0)) {
            return true;
        }
        int replayed = st.history.replay(st.topic, resume.seq(), s);
        if (replayed >= 0) {
            metrics.resume(GatewayMetrics.RESUME_OK, replayed);
            addSubscriber(st, s);
        }
        return true;
    }

    private void addSubscriber(TopicState st, Subscriber s) {
        st.subscribers.add(s);
        st.info.subscribers(st.subscribers.size());
        metrics.subscriptionAdded();
    }

    /** Command body: unsubscribe {@code s}; answers {@code unsubscribed} when {@code reply}. */
    void unsubscribe(Topic topic, Subscriber s, RequestId id, boolean reply) {
        TopicState st = topics.get(topic);
        if (st != null) {
            st.pending.removeIf(p -> p.subscriber() == s);
            if (st.subscribers.remove(s)) {
                st.info.subscribers(st.subscribers.size());
                metrics.subscriptionRemoved();
            }
        }
        if (reply) {
            s.deliver(encoder.unsubscribed(id, topic.toString()), 0);
        }
    }
}
