package io.tickgate.gateway.hub;

import io.tickgate.bus.api.Broker;
import io.tickgate.bus.api.Envelope;
import io.tickgate.bus.api.EnvelopeListener;
import io.tickgate.bus.api.Subscription;
import io.tickgate.bus.local.InProcessBroker;
import io.tickgate.gateway.codec.ServerMessageEncoder;
import io.tickgate.gateway.metrics.GatewayMetrics;
import io.tickgate.gateway.protocol.RequestId;
import io.tickgate.gateway.protocol.ResumePosition;
import io.tickgate.model.topic.Topic;
import io.tickgate.model.topic.TopicPattern;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

/**
 * The topic hub: takes envelopes from the broker and fans them out to subscribers. Topics are hashed onto N
 * single-threaded {@link HubShard}s; each shard owns its topics' state (epoch, seq, snapshot state, subscribers).
 * The broker's callbacks only enqueue. Subscribe and unsubscribe run on the topic's shard, in order with its data.
 *
 * <p>How envelopes come in ({@link Intake}): the in-process broker hands every envelope of every topic to the hub
 * (the firehose: nothing to subscribe, no image to read, state folded from seq 1); a shared engine (Redis) is
 * subscribed per topic, only for the topics this node's clients use, each starting from the engine's image of the
 * topic. Either way the shard folds events into the same {@link ChannelState} and fans out the same way.
 */
public final class TopicHub implements EnvelopeListener, AutoCloseable {

    /** How the hub takes envelopes from the broker. */
    public enum Intake {
        /** {@link #FIREHOSE} for an {@link InProcessBroker}, {@link #PER_TOPIC} for any other engine. */
        AUTO,
        /** One listener for every envelope of every topic: all topics' state on this node (one process). */
        FIREHOSE,
        /** A broker subscription per topic a local client wants (shared engines), state from the broker's image. */
        PER_TOPIC
    }

    /** How often pattern subscriptions look for topics that appeared (see {@link #watch}). */
    static final long WATCH_POLL_MILLIS = 100;

    /**
     * Knobs of the hub: shards and their queue capacity, snapshot sizes, history limits per channel class (event =
     * trade, state = the others), the intake, and (per-topic intake) how long a topic no local client wants stays
     * subscribed in the broker.
     */
    public record Settings(int shards, int queueCapacity, int tradeSnapshotSize, int bookSnapshotDepth,
                           int eventHistorySize, long eventHistoryMaxAgeMillis, int stateHistorySize,
                           long stateHistoryMaxAgeMillis, Intake intake, long lingerMillis) {

        /** The default linger: a client that resubscribes (reconnects) soon finds the topic still followed. */
        public static final long DEFAULT_LINGER_MILLIS = 5_000;

        /** Settings with {@link Intake#AUTO} and the default linger. */
        public Settings(int shards, int queueCapacity, int tradeSnapshotSize, int bookSnapshotDepth,
                        int eventHistorySize, long eventHistoryMaxAgeMillis, int stateHistorySize,
                        long stateHistoryMaxAgeMillis) {
            this(shards, queueCapacity, tradeSnapshotSize, bookSnapshotDepth, eventHistorySize,
                    eventHistoryMaxAgeMillis, stateHistorySize, stateHistoryMaxAgeMillis, Intake.AUTO,
                    DEFAULT_LINGER_MILLIS);
        }

        /** The intake for {@code broker}: {@link #intake()} with {@link Intake#AUTO} decided. */
        public Intake intakeFor(Broker broker) {
            if (intake != Intake.AUTO) {
                return intake;
            }
            return broker instanceof InProcessBroker ? Intake.FIREHOSE : Intake.PER_TOPIC;
        }
    }

    private final Broker broker;
    private final Intake intake;
    private final HubShard[] shards;
    private final ConcurrentMap<Topic, TopicInfo> directory = new ConcurrentHashMap<>();
    private final Set<Topic> declared = ConcurrentHashMap.newKeySet();
    private final TopicWatch watch;

    public TopicHub(Broker broker, Settings settings, ServerMessageEncoder encoder, GatewayMetrics metrics) {
        this.broker = broker;
        this.intake = settings.intakeFor(broker);
        this.shards = new HubShard[settings.shards()];
        for (int i = 0; i < shards.length; i++) {
            shards[i] = new HubShard(i, settings, directory, encoder, metrics,
                    intake == Intake.PER_TOPIC ? broker : null);
        }
        this.watch = new TopicWatch(broker::topics, WATCH_POLL_MILLIS);
        metrics.hubQueueDepth(this::queueDepth);
        if (intake == Intake.PER_TOPIC) {
            metrics.hubBrokerTopics(directory::size);
        }
    }

    /** Starts the shard threads and the watch for new topics. */
    public TopicHub start() {
        for (HubShard s : shards) {
            s.start();
        }
        watch.start();
        return this;
    }

    /** The intake in use. */
    public Intake intake() {
        return intake;
    }

    /**
     * Connects the hub to its broker: with the firehose, the one listener for every envelope; per topic, nothing
     * (topics are subscribed as clients come). Close the handle to stop taking envelopes.
     */
    public Subscription connect() {
        if (intake == Intake.FIREHOSE) {
            return broker.subscribe(this);
        }
        return () -> { };
    }

    /**
     * Calls {@code onTopic} (on the hub's watch thread: hand off at once) for each topic matching {@code pattern}
     * that appears from now on, on any node of a shared engine (within about {@value #WATCH_POLL_MILLIS} ms).
     * Topics known now are not reported: {@link #resolve} them. For pattern subscriptions that stay live.
     */
    public Subscription watch(TopicPattern pattern, Consumer<Topic> onTopic) {
        return watch.watch(pattern, onTopic);
    }

    /**
     * Firehose callback: enqueues on the topic's shard; while the shard's queue is full, waits for room as long as
     * the shard makes progress (backpressure on the publisher), drops and counts only when it is stuck
     * ({@link EnvelopeQueue#offerWaiting}).
     */
    @Override
    public void onEnvelope(Envelope envelope) {
        shard(envelope.topic()).offerWaiting(envelope);
    }

    /**
     * Subscribes {@code subscriber} to {@code topic} on the topic's shard. It then receives {@code subscribed} (with
     * {@code id}), a {@code snapshot} at the same seq, and every later message in seq order. With a {@code resume}
     * position in the topic's current epoch that the history covers, it instead receives {@code subscribed} with
     * {@code resumed:true} and the missed messages (seq after the position), then the live ones. Subscribing again
     * answers {@code subscribed} only. If the hub has not seen a message on the topic yet, all this happens with the
     * first one (per-topic intake: with the broker's image of the topic, or its first message). Per-topic intake, a
     * resume the local history does not cover is answered from the broker's history (asynchronously).
     */
    public void subscribe(Topic topic, Subscriber subscriber, RequestId id, ResumePosition resume) {
        HubShard shard = shard(topic);
        shard.execute(() -> shard.subscribe(topic, subscriber, id, resume));
    }

    /**
     * Removes {@code subscriber} from {@code topic}; no message of the topic follows. When {@code reply} is true an
     * {@code unsubscribed} (with {@code id}) is delivered after the last message.
     */
    public void unsubscribe(Topic topic, Subscriber subscriber, RequestId id, boolean reply) {
        HubShard shard = shard(topic);
        shard.execute(() -> shard.unsubscribe(topic, subscriber, id, reply));
    }

    /**
     * Declares topics the configuration says will be published (venue × symbol × channel): they exist from now on,
     * so subscribing to them (or resuming) is accepted before their first message, which then brings
     * {@code subscribed} and the snapshot. Call before clients connect.
     */
    public void declare(Collection<Topic> topics) {
        declared.addAll(topics);
    }

    /**
     * True when the topic is declared or has been published on (seen by the broker — on a shared engine by any
     * node, which also lists the topics declared by the nodes with feeds — or the hub).
     */
    public boolean exists(Topic topic) {
        return declared.contains(topic) || directory.containsKey(topic) || broker.topics().contains(topic);
    }

    /**
     * For patterns that {@link #exists}/{@link #resolve} know nothing of: asks the broker's topic directory (a shared
     * engine lists the topics every node published or declared; this node may not have heard of one yet). Completes
     * once every pattern was looked up, after which {@link #exists}/{@link #resolve} include what was found; an engine
     * in one process completes at once, finding nothing. Fails when the directory cannot be read.
     */
    public CompletableFuture<Void> lookup(Collection<TopicPattern> patterns) {
        List<CompletableFuture<?>> asked = new ArrayList<>(patterns.size());
        for (TopicPattern p : patterns) {
            asked.add(broker.lookup(p));
        }
        return CompletableFuture.allOf(asked.toArray(CompletableFuture[]::new));
    }

    /** Every known topic (declared or published) the pattern matches, sorted by name. */
    public List<Topic> resolve(TopicPattern pattern) {
        Map<String, Topic> out = new TreeMap<>();
        for (Topic t : declared) {
            if (pattern.matches(t)) {
                out.put(t.toString(), t);
            }
        }
        for (Topic t : directory.keySet()) {
            if (pattern.matches(t)) {
                out.put(t.toString(), t);
            }
        }
        for (Topic t : broker.topics()) {
            if (pattern.matches(t)) {
                out.put(t.toString(), t);
            }
        }
        return new ArrayList<>(out.values());
    }

    /**
     * Every known topic (declared ones too) with its epoch, seq and subscriber count, sorted by name. Per-topic
     * intake: epoch and seq only for the topics this node follows (null and 0 for the others).
     */
    public List<TopicInfo> describe() {
        Map<Topic, TopicInfo> all = new ConcurrentHashMap<>(directory);
        for (Topic t : declared) {
            all.putIfAbsent(t, new TopicInfo(t));
        }
        for (Topic t : broker.topics()) {
            all.putIfAbsent(t, new TopicInfo(t));
        }
        List<TopicInfo> out = new ArrayList<>(all.values());
        out.sort(Comparator.comparing(i -> i.topic().toString()));
        return out;
    }

    /**
     * Readiness: null while every shard thread runs and no shard queue is 90 % full, else the first problem (a full
     * queue clears when the shard catches up; a stopped thread does not).
     */
    public String problem() {
        for (HubShard s : shards) {
            String p = s.problem();
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    /** Envelopes waiting in all shard queues. */
    public int queueDepth() {
        int n = 0;
        for (HubShard s : shards) {
            n += s.queueDepth();
        }
        return n;
    }

    private HubShard shard(Topic topic) {
        int h = topic.hashCode();
        h ^= h >>> 16;
        return shards[Math.floorMod(h, shards.length)];
    }

    /** Stops the watch and the shard threads (waits up to 1 s each); the shards end their broker subscriptions. */
    @Override
    public void close() {
        watch.close();
        for (HubShard s : shards) {
            s.stop(1_000);
        }
    }
}
