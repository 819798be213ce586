package io.tickgate.gateway.hub;

import io.netty.buffer.ByteBuf;
import io.tickgate.bus.api.Broker;
import io.tickgate.bus.api.Envelope;
import io.tickgate.gateway.codec.ServerMessageEncoder;
import io.tickgate.gateway.metrics.GatewayMetrics;
import io.tickgate.gateway.protocol.RequestId;
import io.tickgate.gateway.protocol.ResumePosition;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.topic.Topic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
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
 * <p>Two queues feed it: a bounded queue of envelopes (and, per-topic intake, broker images) and a command queue for
 * subscribe/unsubscribe and async answers, which is not dropped (it is bounded by connections × their subscription
 * and rate limits). Commands run first. Overflow policy of the bounded queue: with the firehose the publishing thread
 * waits for room while the shard makes progress ({@link EnvelopeQueue#offerWaiting}: the shard alone holds the state,
 * so an envelope lost here would leave a book wrong for every later subscriber, not just a gap); only a shard stuck
 * for {@value EnvelopeQueue#STALL_MILLIS} ms makes it drop and count (subscribers then see a seq gap). Per-topic,
 * the new item is dropped and counted, and the topic resynchronized from a fresh broker image ({@link BrokerFeed}).
 *
 * <p>Intake ({@link TopicHub.Intake}): with the firehose every topic's envelopes arrive from seq 1 and the state is
 * folded from them; per-topic, a topic is subscribed in the broker when its first local subscriber comes, its state
 * is folded from the broker's image (the same {@link ChannelState#apply} path) and then from the envelopes after it,
 * and the broker subscription is dropped {@code lingerMillis} after the last local subscriber left.
 */
final class HubShard implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(HubShard.class);
    private static final int BATCH = 1024;

    private final int index;
    private final EnvelopeQueue envelopes;
    private final Queue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final Map<Topic, TopicState> topics = new HashMap<>();
    private final ConcurrentMap<Topic, TopicInfo> directory;
    private final ServerMessageEncoder encoder;
    private final GatewayMetrics metrics;
    private final TopicHub.Settings settings;
    private final List<Object> batch = new ArrayList<>(BATCH);
    /** Per-topic intake: broker subscriptions and images; null with the firehose. */
    private final BrokerIntake intake;
    /** Resumes: from the local history, per-topic intake also from the broker's. */
    private final Resumes resumes;
    private final FanOut fanOut;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean sleeping;

    /** @param broker the broker to subscribe to per topic, or null for the firehose intake */
    HubShard(int index, TopicHub.Settings settings, ConcurrentMap<Topic, TopicInfo> directory,
             ServerMessageEncoder encoder, GatewayMetrics metrics, Broker broker) {
        this.index = index;
        this.intake = broker == null ? null : new BrokerIntake(this, broker, metrics, settings.lingerMillis());
        this.resumes = new Resumes(this, broker, encoder, metrics);
        this.envelopes = new EnvelopeQueue(index, settings.queueCapacity(), metrics, this::wake);
        this.directory = directory;
        this.encoder = encoder;
        this.metrics = metrics;
        this.fanOut = new FanOut(encoder, metrics, this::checkIdle);
        this.settings = settings;
        this.thread = new Thread(this, "tickgate-gw-hub-" + index);
        this.thread.setDaemon(true);
        this.envelopes.ownedBy(thread);
    }

    void start() {
        thread.start();
    }

    /**
     * Queues an {@link Envelope} (or a {@link BrokerFeed.Image}); false (and counted) when the queue is full. Any
     * thread, never blocks.
     */
    boolean offer(Object e) {
        return envelopes.offer(e);
    }

    /**
     * Firehose: queues an envelope, the publishing thread waiting for room while the shard keeps taking
     * ({@link EnvelopeQueue#offerWaiting}).
     */
    boolean offerWaiting(Envelope e) {
        return envelopes.offerWaiting(e);
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
        try {
            loop(wakeups);
        } finally {
            // stopped, or killed by an Error: either way the topics' buffers go back to the pool
            if (running) {
                log.error("hub shard {} thread stopped by an error; releasing its {} topics", index, topics.size());
            }
            try {
                wakeups.close();
            } finally {
                releaseTopics();
            }
        }
    }

    private void loop(WakeupBatch wakeups) {
        while (running) {
            int work;
            try {
                work = runCommands() + processEnvelopes();
                if (intake != null) {
                    intake.sweep();
                    resumes.ahead().sweep();
                }
            } catch (RuntimeException e) {
                log.error("hub shard {} failed on a message; continuing", index, e);
                work = 1;
            }
            // what this round handed to connections goes to their event loops, in order
            wakeups.flush();
            if (work == 0) {
                sleeping = true;
                if (commands.isEmpty() && envelopes.isEmpty() && running) {
                    LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(50));
                }
                sleeping = false;
            }
        }
    }

    /** Closes every topic's broker feed and releases its snapshot and history (one failing does not stop the rest). */
    private void releaseTopics() {
        for (TopicState st : topics.values()) {
            try {
                if (st.feed != null) {
                    st.feed.close();
                }
            } catch (RuntimeException e) {
                log.warn("{}: closing its broker feed failed", st.topic, e);
            }
            st.releaseSnapshot();
            st.history.clear();
        }
    }

    void stop(long timeoutMillis) {
        running = false;
        envelopes.close();
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
        int n = envelopes.drainTo(batch, BATCH);
        try {
            for (int i = 0; i < n; i++) {
                Object item = batch.get(i);
                if (item instanceof Envelope e) {
                    apply(e);
                } else {
                    intake.onImage((BrokerFeed.Image) item);
                }
            }
        } finally {
            batch.clear();
        }
        return n;
    }

    /** The topic's state, created (and, per-topic intake, subscribed in the broker) when first needed. */
    private TopicState state(Topic topic) {
        TopicState st = topics.get(topic);
        if (st == null) {
            boolean state = topic.channel().isState();
            TopicHistory history = new TopicHistory(
                    state ? settings.stateHistorySize() : settings.eventHistorySize(),
                    TimeUnit.MILLISECONDS.toNanos(state ? settings.stateHistoryMaxAgeMillis()
                            : settings.eventHistoryMaxAgeMillis()),
                    metrics::historySize);
            st = new TopicState(topic, newState(topic), history);
            topics.put(topic, st);
            directory.put(topic, st.info);
            if (intake == null) {
                st.synced = true;
            } else {
                intake.open(st);
            }
        }
        return st;
    }

    /** Empty snapshot state for the topic's channel: the one kind of state every path folds events into. */
    ChannelState newState(Topic topic) {
        return ChannelState.forChannel(topic.channel(), topic.source(), topic.symbol(), settings.tradeSnapshotSize(),
                settings.bookSnapshotDepth());
    }

    private void apply(Envelope e) {
        TopicState st = intake == null ? state(e.topic()) : topics.get(e.topic());
        if (st == null || !st.synced) {
            return; // per-topic: no local client wants the topic, or its image is awaited
        }
        boolean sameEpoch = e.epoch().equals(st.epoch);
        if (sameEpoch && e.seq() <= st.seq) {
            log.debug("{}: dropping stale seq {} (at {})", st.topic, e.seq(), st.seq);
            return;
        }
        if (sameEpoch ? e.seq() != st.seq + 1 : intake != null && st.epoch != null) {
            metrics.hubGap();
            if (intake != null) {
                log.info("{}: {}:{} does not follow {}:{}; resynchronizing from the broker", st.topic, e.epoch(),
                        e.seq(), st.epoch, st.seq);
                intake.resync(st);
                return;
            }
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
            ByteBuf frame = e.event() instanceof BookSnapshot ? fanOut.liveSnapshot(st, e).retain() : encoder.data(e);
            try {
                st.history.append(st.seq, System.nanoTime(), frame);
                if (st.snapshotDue) {
                    fanOut.snapshot(st, fanOut.liveSnapshot(st, e));
                } else if (!st.subscribers.isEmpty()) {
                    fanOut.message(st, e, frame);
                }
            } finally {
                frame.release();
            }
        } else if (st.snapshotDue) {
            fanOut.snapshot(st, fanOut.liveSnapshot(st, e));
        }
        st.snapshotDue = false;
        activatePending(st);
    }

    /** Gives every subscriber {@code frame} (a snapshot replacing what it held; not owned by this call). */
    void resnapshot(TopicState st, ByteBuf frame) {
        fanOut.snapshot(st, frame);
    }

    /** The topic's snapshot at the current seq as a {@code snapshot} message ({@code ts} 0: none); cached per seq. */
    ByteBuf currentSnapshot(TopicState st, long ts) {
        return fanOut.currentSnapshot(st, ts);
    }

    /** Activates the subscribers waiting for the topic's first message or image, or for the node to reach them. */
    void activatePending(TopicState st) {
        resumes.ahead().reached(st);
        if (!st.pending.isEmpty()) {
            List<TopicState.Pending> due = new ArrayList<>(st.pending);
            st.pending.clear();
            for (TopicState.Pending p : due) {
                activate(st, p.subscriber(), p.id(), p.resume());
            }
        }
    }

    /** Per-topic intake: starts the linger of a topic no local client wants any more. */
    void checkIdle(TopicState st) {
        if (intake != null) {
            intake.checkIdle(st);
        }
    }

    /** This shard's state of {@code topic}, or null. */
    TopicState topic(Topic topic) {
        return topics.get(topic);
    }

    /** Command body: {@code feed} dropped an item; see {@link BrokerIntake#feedLost}. */
    void feedLost(BrokerFeed feed) {
        intake.feedLost(feed);
    }

    /** Per-topic intake: forgets a topic no longer followed in the broker. */
    void drop(TopicState st) {
        topics.remove(st.topic, st);
        directory.remove(st.topic, st.info);
        st.history.clear();
        st.releaseSnapshot();
    }

    /** Command body: subscribe {@code s} to {@code topic}, resuming from {@code resume} when not null. */
    void subscribe(Topic topic, Subscriber s, RequestId id, ResumePosition resume) {
        TopicState st = state(topic);
        st.idleSinceNanos = 0;
        if (st.seq == 0 || !st.synced) {
            st.pending.add(new TopicState.Pending(s, id, resume));
            return;
        }
        activate(st, s, id, resume);
    }

    /**
     * Sends {@code subscribed} and adds the subscriber. With a resume position the history covers, the missed
     * messages are replayed ({@code resumed:true}); otherwise a snapshot follows (not when already subscribed).
     */
    void activate(TopicState st, Subscriber s, RequestId id, ResumePosition resume) {
        boolean already = st.subscribers.contains(s);
        if (resume != null && !already && resumes.resume(st, s, id, resume)) {
            return;
        }
        if (!s.deliver(encoder.subscribed(id, st.topic.toString(), st.epoch, st.seq, false), 0)) {
            checkIdle(st);
            return;
        }
        if (already) {
            return;
        }
        if (s.deliverData(st.topic, fanOut.currentSnapshot(st, 0).retainedDuplicate(), 0)) {
            addSubscriber(st, s);
        } else {
            checkIdle(st);
        }
    }

    void addSubscriber(TopicState st, Subscriber s) {
        st.addSubscriber(s);
        st.info.subscribers(st.subscribers.size());
        metrics.subscriptionAdded();
    }

    /** True while {@code st} is this shard's state of its topic (not dropped after its linger). */
    boolean current(TopicState st) {
        return topics.get(st.topic) == st;
    }

    /** Command body: unsubscribe {@code s}; answers {@code unsubscribed} when {@code reply}. */
    void unsubscribe(Topic topic, Subscriber s, RequestId id, boolean reply) {
        TopicState st = topics.get(topic);
        if (st != null) {
            st.pending.removeIf(p -> p.subscriber() == s);
            st.resuming.removeIf(p -> p.subscriber() == s);
            st.ahead.removeIf(a -> a.pending().subscriber() == s);
            if (st.removeSubscriber(s)) {
                st.info.subscribers(st.subscribers.size());
                metrics.subscriptionRemoved();
            }
            checkIdle(st);
        }
        if (reply) {
            s.deliver(encoder.unsubscribed(id, topic.toString()), 0);
        }
    }
}
