package io.tickgate.bus.local;

import io.tickgate.bus.api.Broker;
import io.tickgate.bus.api.BrokerSettings;
import io.tickgate.bus.api.Envelope;
import io.tickgate.bus.api.EnvelopeListener;
import io.tickgate.bus.api.History;
import io.tickgate.bus.api.Subscription;
import io.tickgate.bus.api.TopicListener;
import io.tickgate.bus.lease.FenceListeners;
import io.tickgate.bus.lease.Fenced;
import io.tickgate.bus.lease.LocalLeases;
import io.tickgate.bus.lease.TopicClaim;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.topic.Topic;
import io.tickgate.model.topic.TopicPattern;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The default broker: everything in one JVM. Seq counters, history and state live in memory, so the epoch is new at
 * every start (a client resuming across a restart is told its history is gone). Listeners run on the publishing
 * thread, under the topic's lock (so an image and the envelopes after it line up exactly); they must not block on an
 * event loop (the gateway hub's firehose listener makes any other publishing thread wait while its full queue drains:
 * backpressure).
 * {@link #publish} never drops.
 */
public final class InProcessBroker implements Broker {

    private final String epoch;
    private final BrokerSettings settings;
    private final ConcurrentHashMap<Topic, LocalTopic> topics = new ConcurrentHashMap<>();
    private final Set<Topic> published = ConcurrentHashMap.newKeySet();
    private final CopyOnWriteArrayList<EnvelopeListener> listeners = new CopyOnWriteArrayList<>();
    private final List<PatternSubscription> patterns = new ArrayList<>();
    private final boolean retaining;
    private final LocalPresence presence = new LocalPresence();
    private final LocalLeases leases = new LocalLeases();
    private final FenceListeners fences = new FenceListeners();

    public InProcessBroker() {
        this(newEpoch(), BrokerSettings.defaults());
    }

    public InProcessBroker(String epoch) {
        this(epoch, BrokerSettings.defaults());
    }

    public InProcessBroker(BrokerSettings settings) {
        this(newEpoch(), settings);
    }

    public InProcessBroker(String epoch, BrokerSettings settings) {
        this(epoch, settings, true);
    }

    private InProcessBroker(String epoch, BrokerSettings settings, boolean retaining) {
        this.epoch = epoch;
        this.settings = settings;
        this.retaining = retaining;
    }

    /**
     * A broker that numbers and fans out but keeps no history and no images: for a single gateway whose topic hub
     * keeps history and state itself (today's gateway), so the publishing thread does no work twice and no memory
     * holds the same messages twice. Per-topic subscriptions and {@link #history} are not available on it.
     */
    public static InProcessBroker withoutRetention() {
        return new InProcessBroker(newEpoch(), BrokerSettings.defaults(), false);
    }

    /** A short random epoch id, e.g. {@code k3x9a1}. */
    public static String newEpoch() {
        return Long.toString(new SecureRandom().nextLong() & Long.MAX_VALUE, 36);
    }

    public String epoch() {
        return epoch;
    }

    /** Publishes (never drops) and returns true. */
    @Override
    public boolean publish(MarketEvent event) {
        publishEnvelope(event);
        return true;
    }

    /** Publishes unless fenced (then counts it and tells the {@link #fencing} listeners); never drops. */
    @Override
    public boolean publish(MarketEvent event, long generation) {
        LocalTopic t = topic(event.topic());
        Envelope e = t.publish(event, generation, listeners);
        if (e == null) {
            fences.fenced(new Fenced(event.topic(), generation, t.generation(), 1));
        } else if (e.seq() == 1) {
            published.add(e.topic());
        }
        return true;
    }

    @Override
    public CompletableFuture<TopicClaim> claim(Topic topic, long generation) {
        return CompletableFuture.completedFuture(topic(topic).claim(generation));
    }

    @Override
    public FenceListeners fencing() {
        return fences;
    }

    @Override
    public LocalLeases leases() {
        return leases;
    }

    /** Publishes and returns the envelope the event was given. */
    public Envelope publishEnvelope(MarketEvent event) {
        LocalTopic t = topic(event.topic());
        Envelope e = t.publish(event, listeners);
        if (e.seq() == 1) {
            published.add(e.topic());
        }
        return e;
    }

    @Override
    public Subscription subscribe(EnvelopeListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public Subscription subscribe(Topic topic, TopicListener listener) {
        requireRetaining();
        LocalTopic t = topic(topic);
        t.attach(listener);
        return () -> t.detach(listener);
    }

    @Override
    public Subscription subscribe(TopicPattern pattern, TopicListener listener) {
        requireRetaining();
        PatternSubscription p = new PatternSubscription(pattern, listener);
        synchronized (patterns) {
            patterns.add(p);
            for (LocalTopic t : topics.values()) {
                p.attach(t);
            }
        }
        return () -> {
            synchronized (patterns) {
                patterns.remove(p);
                p.detachAll();
            }
        };
    }

    @Override
    public CompletableFuture<History> history(Topic topic, String epoch, long afterSeq) {
        requireRetaining();
        LocalTopic t = topics.get(topic);
        if (t == null) {
            return CompletableFuture.completedFuture(History.gone(topic, null, 0));
        }
        return CompletableFuture.completedFuture(t.history(epoch, afterSeq));
    }

    @Override
    public Set<Topic> topics() {
        return Collections.unmodifiableSet(published);
    }

    /** Always null: nothing outside this JVM can fail. */
    @Override
    public LocalPresence presence() {
        return presence;
    }

    @Override
    public String problem() {
        return null;
    }

    @Override
    public void close() {
        listeners.clear();
        synchronized (patterns) {
            for (PatternSubscription p : patterns) {
                p.detachAll();
            }
            patterns.clear();
        }
        for (LocalTopic t : topics.values()) {
            t.detachAll();
        }
    }

    private void requireRetaining() {
        if (!retaining) {
            throw new UnsupportedOperationException("this in-process broker keeps no history or images "
                    + "(InProcessBroker.withoutRetention())");
        }
    }

    private LocalTopic topic(Topic topic) {
        LocalTopic t = topics.get(topic);
        if (t != null) {
            return t;
        }
        synchronized (patterns) {
            return topics.computeIfAbsent(topic, k -> {
                LocalTopic created = new LocalTopic(k, epoch, settings, retaining);
                for (PatternSubscription p : patterns) {
                    p.attach(created);
                }
                return created;
            });
        }
    }

    /** A pattern's listener, attached to every matching topic. Guarded by the patterns lock. */
    private static final class PatternSubscription {
        private final TopicPattern pattern;
        private final TopicListener listener;
        private final List<LocalTopic> attached = new ArrayList<>();

        PatternSubscription(TopicPattern pattern, TopicListener listener) {
            this.pattern = pattern;
            this.listener = listener;
        }

        void attach(LocalTopic t) {
            if (pattern.matches(t.topic)) {
                t.attach(listener);
                attached.add(t);
            }
        }

        void detachAll() {
            for (LocalTopic t : attached) {
                t.detach(listener);
            }
            attached.clear();
        }
    }
}
