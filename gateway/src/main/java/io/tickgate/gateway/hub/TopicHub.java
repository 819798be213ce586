package io.tickgate.gateway.hub;

import io.tickgate.bus.api.Broker;
import io.tickgate.bus.api.Envelope;
import io.tickgate.bus.api.EnvelopeListener;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The topic hub: receives every envelope from the broker and fans it out to subscribers. Topics are hashed onto N
 * single-threaded {@link HubShard}s; each shard owns its topics' state (epoch, seq, snapshot state, subscribers).
 * The broker listener only enqueues. Subscribe and unsubscribe run on the topic's shard, in order with its data.
 */
public final class TopicHub implements EnvelopeListener, AutoCloseable {

    /**
     * Knobs of the hub: shards and their queue capacity, snapshot sizes, and history limits per channel class
     * (event = trade, state = the others).
     */
    public record Settings(int shards, int queueCapacity, int tradeSnapshotSize, int bookSnapshotDepth,
                           int eventHistorySize, long eventHistoryMaxAgeMillis, int stateHistorySize,
                           long stateHistoryMaxAgeMillis) {
    }

    private final Broker broker;
    private final HubShard[] shards;
    private final ConcurrentMap<Topic, TopicInfo> directory = new ConcurrentHashMap<>();
    private final Set<Topic> declared = ConcurrentHashMap.newKeySet();

    public TopicHub(Broker broker, Settings settings, ServerMessageEncoder encoder, GatewayMetrics metrics) {
        this.broker = broker;
        this.shards = new HubShard[settings.shards()];
        for (int i = 0; i < shards.length; i++) {
            shards[i] = new HubShard(i, settings, directory, encoder, metrics);
        }
        metrics.hubQueueDepth(this::queueDepth);
    }

    /** Starts the shard threads. */
    public TopicHub start() {
        for (HubShard s : shards) {
            s.start();
        }
        return this;
    }

    /** Broker callback: enqueues on the topic's shard; never blocks (drops and counts when the shard is full). */
    @Override
    public void onEnvelope(Envelope envelope) {
        shard(envelope.topic()).offer(envelope);
    }

    /**
     * Subscribes {@code subscriber} to {@code topic} on the topic's shard. It then receives {@code subscribed} (with
     * {@code id}), a {@code snapshot} at the same seq, and every later message in seq order. With a {@code resume}
     * position in the topic's current epoch that the history covers, it instead receives {@code subscribed} with
     * {@code resumed:true} and the missed messages (seq after the position), then the live ones. Subscribing again
     * answers {@code subscribed} only. If the hub has not seen a message on the topic yet, all this happens with the
     * first one.
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

    /** True when the topic is declared or has been published on (seen by the broker or the hub). */
    public boolean exists(Topic topic) {
        return declared.contains(topic) || directory.containsKey(topic) || broker.topics().contains(topic);
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

    /** Every known topic (declared ones too) with its epoch, seq and subscriber count, sorted by name. */
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

    /** Stops the shard threads (waits up to 1 s each). */
    @Override
    public void close() {
        for (HubShard s : shards) {
            s.stop(1_000);
        }
    }
}
