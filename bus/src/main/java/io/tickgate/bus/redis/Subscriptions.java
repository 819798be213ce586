package io.tickgate.bus.redis;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.tickgate.bus.api.Envelope;
import io.tickgate.bus.api.EnvelopeListener;
import io.tickgate.bus.api.History;
import io.tickgate.bus.api.Subscription;
import io.tickgate.bus.api.TopicImage;
import io.tickgate.bus.api.TopicListener;
import io.tickgate.bus.codec.EventCodec;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.topic.Channel;
import io.tickgate.model.topic.Topic;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consuming side of the Redis engine: which topics this node is subscribed to in Redis (only those with a local
 * listener; unsubscribed when the last one leaves), the topic directory, and wildcard selectors.
 *
 * <p>Wildcards: SPUBLISH has no pattern form, so topics are discovered instead: a publisher adds a new topic to the
 * directory set and PUBLISHes its name on the announce channel (plain pub/sub, which a cluster broadcasts to every
 * node). This node subscribes to announcements first, then reads the directory; each topic a selector matches is
 * subscribed like an exact topic, with an image, so a subscriber that joins a topic after its first messages still
 * starts from consistent state.
 *
 * <p>Gaps: a subscriber that was live and missed messages (a pub/sub connection that came back, a message that does
 * not follow) is first given the missed messages from the topic's history ({@link TopicFeed#onHistory}); only when
 * the history cannot fill the gap does it get a fresh image.
 *
 * <p>Threads: SUBSCRIBE/UNSUBSCRIBE and image requests run on the engine's control thread; messages and images
 * arrive on Redis I/O threads and are handed to the listeners there, under the topic's lock.
 */
final class Subscriptions extends RedisPubSubAdapter<String, String> {

    private static final Logger log = LoggerFactory.getLogger(Subscriptions.class);

    /** A wildcard (or everything) subscription and the topics it is attached to. */
    private static final class Selector {
        final Predicate<Topic> matches;
        final TopicListener listener;
        final boolean images;
        final Map<Topic, Subscription> attached = new HashMap<>();
        volatile boolean closed;

        Selector(Predicate<Topic> matches, TopicListener listener, boolean images) {
            this.matches = matches;
            this.listener = listener;
            this.images = images;
        }
    }

    private final RedisKeys keys;
    private final RedisMetrics metrics;
    private final ScheduledExecutorService control;
    private final Supplier<RedisLink> link;
    private final HistoryReader history;
    private final Map<Topic, TopicFeed> feeds = new ConcurrentHashMap<>();
    private final List<Selector> selectors = new CopyOnWriteArrayList<>();
    private final Set<Topic> known = ConcurrentHashMap.newKeySet();
    private final Map<String, Boolean> nodeUp = new HashMap<>();
    private volatile String announceNode;
    private volatile long lastErrorLog;

    /** Reads a topic's history after a seq (the broker's {@code history}). */
    interface HistoryReader {
        CompletableFuture<History> read(Topic topic, String epoch, long afterSeq);
    }

    Subscriptions(RedisKeys keys, RedisMetrics metrics, ScheduledExecutorService control, Supplier<RedisLink> link,
            HistoryReader history) {
        this.keys = keys;
        this.history = history;
        this.metrics = metrics;
        this.control = control;
        this.link = link;
    }

    Set<Topic> known() {
        return Collections.unmodifiableSet(known);
    }

    int subscribedTopics() {
        return feeds.size();
    }

    /** A topic this node learned of (its own publish, an announcement, the directory): selectors may attach. */
    void topicSeen(Topic t) {
        if (known.add(t)) {
            for (Selector s : selectors) {
                if (!s.closed && s.matches.test(t)) {
                    onControl(() -> attach(s, t));
                }
            }
        }
    }

    // ---- subscribing (any thread; the work runs on the control thread)

    Subscription subscribe(Topic topic, TopicListener listener, boolean images) {
        TopicFeed.Sink sink = new TopicFeed.Sink(listener, images);
        onControl(() -> {
            if (sink.closed) {
                return;
            }
            TopicFeed feed = feeds.computeIfAbsent(topic, t -> new TopicFeed(t, keys.channel(t)));
            feed.add(sink);
            ensureSubscribed(feed);
        });
        return () -> onControl(() -> {
            sink.closed = true;
            TopicFeed feed = feeds.get(topic);
            if (feed != null && feed.remove(sink)) {
                unsubscribe(feed);
            }
        });
    }

    Subscription subscribe(Predicate<Topic> matches, TopicListener listener, boolean images) {
        Selector s = new Selector(matches, listener, images);
        selectors.add(s);
        onControl(() -> {
            for (Topic t : known) {
                if (s.matches.test(t)) {
                    attach(s, t);
                }
            }
        });
        return () -> {
            s.closed = true;
            selectors.remove(s);
            onControl(() -> {
                for (Subscription sub : s.attached.values()) {
                    sub.close();
                }
                s.attached.clear();
            });
        };
    }

    Subscription subscribeAll(EnvelopeListener listener) {
        return subscribe(t -> true, new TopicListener() {
            @Override
            public void onImage(TopicImage image) {
                // the firehose wants envelopes only
            }

            @Override
            public void onEnvelope(Envelope envelope) {
                listener.onEnvelope(envelope);
            }
        }, false);
    }

    // ---- control thread

    private void attach(Selector s, Topic t) {
        if (!s.closed && !s.attached.containsKey(t)) {
            s.attached.put(t, subscribe(t, s.listener, s.images));
        }
    }

    private void ensureSubscribed(TopicFeed feed) {
        RedisLink l = link.get();
        if (l == null) {
            return; // done when connected
        }
        if (feed.node != null) {
            requestDueImages(l, feed);
            return;
        }
        try {
            String node = l.nodeOf(feed.channel);
            feed.node = node;
            feed.confirmed = false;
            nodeUp.putIfAbsent(node, Boolean.TRUE);
            l.subscribeTopic(l.pubSubFor(feed.channel), feed.channel).whenComplete((r, e) -> onControl(() -> {
                if (feeds.get(feed.topic) != feed || !node.equals(feed.node)) {
                    return;
                }
                if (e != null) {
                    error("subscribe to " + feed.topic, e);
                    feed.node = null; // retried by the health check
                    return;
                }
                feed.confirmed = true;
                requestDueImages(l, feed);
            }));
        } catch (RuntimeException e) {
            feed.node = null;
            error("subscribe to " + feed.topic, e);
        }
    }

    private void unsubscribe(TopicFeed feed) {
        feeds.remove(feed.topic, feed);
        RedisLink l = link.get();
        if (l != null && feed.node != null && l.pubSubOpen(feed.node)) {
            try {
                l.unsubscribeTopic(l.pubSubFor(feed.channel), feed.channel);
            } catch (RuntimeException e) {
                error("unsubscribe from " + feed.topic, e);
            }
        }
        feed.node = null;
    }

    private void requestDueImages(RedisLink l, TopicFeed feed) {
        for (TopicFeed.Sink s : feed.dueImages()) {
            if (feed.fillable(s)) {
                requestFill(l, feed, s);
            } else {
                requestImage(l, feed, s);
            }
        }
    }

    /** Asks the history after the sink's seq to fill its gap; an image follows when it cannot. */
    private void requestFill(RedisLink l, TopicFeed feed, TopicFeed.Sink sink) {
        CompletableFuture<History> read;
        try {
            read = history.read(feed.topic, sink.epoch, sink.seq);
        } catch (RuntimeException e) {
            read = CompletableFuture.failedFuture(e);
        }
        read.whenComplete((h, e) -> {
            TopicFeed.Fill fill;
            if (e != null) {
                error("history of " + feed.topic, e);
                fill = feed.onHistory(sink, History.gone(feed.topic, null, 0));
            } else {
                try {
                    fill = feed.onHistory(sink, h);
                } catch (RuntimeException bad) {
                    error("history of " + feed.topic, bad);
                    fill = feed.onHistory(sink, History.gone(feed.topic, null, 0));
                }
            }
            metrics.gapFill(fill);
            if (fill != TopicFeed.Fill.FILLED) {
                onControl(() -> requestDueImages(l, feed));
            }
        });
    }

    private void requestImage(RedisLink l, TopicFeed feed, TopicFeed.Sink sink) {
        String[] k = keys.topicKeys(feed.topic);
        l.eval(LuaScript.IMAGE, new String[] {k[0], k[2], k[3]}, RedisKeys.kind(feed.topic.channel()))
                .whenComplete((r, e) -> {
                    if (e != null) {
                        error("image of " + feed.topic, e);
                        feed.imageFailed(sink);
                        onControlLater(() -> ensureSubscribed(feed), 200);
                        return;
                    }
                    metrics.image();
                    TopicImage image;
                    TopicFeed.Imaged imaged;
                    try {
                        image = image(feed.topic, r);
                        imaged = feed.onImage(sink, image);
                    } catch (RuntimeException bad) {
                        error("image of " + feed.topic, bad);
                        feed.imageFailed(sink);
                        return;
                    }
                    if (imaged == TopicFeed.Imaged.AGAIN) {
                        metrics.resync();
                        onControl(() -> requestDueImages(l, feed));
                    } else if (imaged == TopicFeed.Imaged.ROLLED_BACK) {
                        synchronized (feed) {
                            retire(l, feed, sink.epoch, sink.seq, image.seq());
                        }
                    }
                });
    }

    /**
     * Redis holds the topic's epoch at a lower seq than a sink had seen ({@link TopicFeed#onImage}): drops the
     * epoch there (retire.lua), then images the sink again (a new epoch, or none yet: an empty image).
     */
    private void retire(RedisLink l, TopicFeed feed, String epoch, long seen, long held) {
        log.error("redis broker: {} went back from seq {} to {} in epoch {}: Redis lost writes it had published "
                + "(restarted from an older snapshot, or a replica promoted before it had them); starting a new epoch",
                feed.topic, seen, held, epoch);
        String[] k = keys.topicKeys(feed.topic);
        l.eval(LuaScript.RETIRE, new String[] {k[0], k[1], k[2], k[3]}, epoch, Long.toString(seen))
                .whenComplete((r, e) -> {
                    if (e != null) {
                        error("retiring epoch " + epoch + " of " + feed.topic, e);
                        onControlLater(() -> requestDueImages(l, feed), 200);
                        return;
                    }
                    onControl(() -> requestDueImages(l, feed));
                });
    }

    /** Decodes an image script's answer; its ingest time is the newest entry's (the state's, at its seq). */
    static TopicImage image(Topic topic, List<Object> r) {
        if (r == null || r.isEmpty()) {
            return TopicImage.empty(topic);
        }
        String epoch = String.valueOf(r.get(0));
        long seq = Long.parseLong(String.valueOf(r.get(1)));
        String head = String.valueOf(r.get(2));
        List<MarketEvent> events = new ArrayList<>(r.size() - 2);
        long ingestTime = 0;
        for (int i = head.isEmpty() ? 3 : 2; i < r.size(); i++) {
            EventCodec.Decoded d = WireFormat.entry(topic, String.valueOf(r.get(i)));
            events.add(d.event());
            ingestTime = Math.max(ingestTime, d.ingestTime());
        }
        if (topic.channel() != Channel.BOOK && !topic.channel().isTrade() && events.size() > 1) {
            events = events.subList(events.size() - 1, events.size());
        }
        return new TopicImage(topic, epoch, seq, events, ingestTime);
    }

    /**
     * Called on the control thread after a (re)connect: subscribe to announcements, read the directory, subscribe
     * every topic with a local listener again and resynchronize its sinks.
     */
    void onConnected(RedisLink l) {
        nodeUp.clear();
        subscribeAnnouncements(l);
        for (TopicFeed feed : feeds.values()) {
            feed.node = null;
            feed.confirmed = false;
            feed.resyncAll();
            ensureSubscribed(feed);
        }
    }

    private void subscribeAnnouncements(RedisLink l) {
        try {
            String node = l.plainNode(keys.announce());
            announceNode = node;
            nodeUp.put(node, Boolean.TRUE);
            l.subscribePlain(keys.announce()).whenComplete((r, e) -> {
                if (e != null) {
                    error("subscribe to announcements", e);
                    retryAnnouncements(l);
                    return;
                }
                readDirectory(l);
            });
        } catch (RuntimeException e) {
            error("subscribe to announcements", e);
            retryAnnouncements(l);
        }
    }

    private void retryAnnouncements(RedisLink l) {
        if (link.get() == l) {
            onControlLater(() -> subscribeAnnouncements(l), 1_000);
        }
    }

    /** Reads the topic directory (retried every second until it succeeds while this link is current). */
    private void readDirectory(RedisLink l) {
        l.smembers(keys.directory()).whenComplete((members, e) -> {
            if (e != null) {
                error("read the topic directory", e);
                if (link.get() == l) {
                    onControlLater(() -> readDirectory(l), 1_000);
                }
                return;
            }
            for (String name : members) {
                Topic t = parse(name);
                if (t != null) {
                    topicSeen(t);
                }
            }
        });
    }

    /**
     * Health check (control thread, periodic): a pub/sub connection that came back gets its subscriptions again and
     * their sinks a fresh image (messages may have been lost while it was down); on a cluster a topic whose slot
     * moved is subscribed on its new master. Returns a problem, or null.
     */
    String check(RedisLink l) {
        String problem = null;
        Map<String, Boolean> now = new HashMap<>();
        for (String node : nodeUp.keySet()) {
            now.put(node, l.pubSubOpen(node));
        }
        for (Map.Entry<String, Boolean> e : now.entrySet()) {
            boolean was = nodeUp.get(e.getKey());
            boolean is = e.getValue();
            if (!is) {
                problem = "redis pub/sub connection " + e.getKey() + " lost; reconnecting";
            }
            if (!was && is) {
                log.info("redis pub/sub connection {} is back: resubscribing and resynchronizing", e.getKey());
                reconnected(l, e.getKey());
            }
            nodeUp.put(e.getKey(), is);
        }
        for (TopicFeed feed : feeds.values()) {
            if (feed.node == null) {
                ensureSubscribed(feed);
            } else if (l.cluster()) {
                try {
                    String owner = l.nodeOf(feed.channel);
                    if (!owner.equals(feed.node)) {
                        feed.node = null;
                        feed.confirmed = false;
                        feed.resyncAll();
                        metrics.resync();
                        ensureSubscribed(feed);
                    }
                } catch (RuntimeException e) {
                    problem = e.getMessage();
                }
            }
        }
        return problem;
    }

    private void reconnected(RedisLink l, String node) {
        if (node.equals(announceNode)) {
            subscribeAnnouncements(l);
        }
        for (TopicFeed feed : feeds.values()) {
            if (node.equals(feed.node)) {
                feed.node = null;
                feed.confirmed = false;
                feed.resyncAll();
                metrics.resync();
                ensureSubscribed(feed);
            }
        }
    }

    // ---- Redis I/O threads

    @Override
    public void message(String channel, String message) {
        if (channel.equals(keys.announce())) {
            Topic t = parse(message);
            if (t != null) {
                topicSeen(t);
            }
            return;
        }
        onTopicMessage(channel, message);
    }

    @Override
    public void smessage(String channel, String message) {
        onTopicMessage(channel, message);
    }

    private void onTopicMessage(String channel, String message) {
        Topic topic = keys.topicOfChannel(channel);
        TopicFeed feed = topic == null ? null : feeds.get(topic);
        if (feed == null) {
            return;
        }
        // one Redis message carries the messages of one publish call for this topic, one per line
        boolean resync = false;
        int start = 0;
        while (start < message.length()) {
            int end = message.indexOf('\n', start);
            if (end < 0) {
                end = message.length();
            }
            Envelope e;
            try {
                e = WireFormat.message(topic, message.substring(start, end));
            } catch (RuntimeException bad) {
                error("decode a message of " + topic, bad);
                start = end + 1;
                continue;
            }
            start = end + 1;
            metrics.received();
            resync |= !feed.onEnvelope(e).isEmpty();
        }
        if (resync) {
            metrics.resync();
            RedisLink l = link.get();
            if (l != null) {
                onControl(() -> requestDueImages(l, feed));
            }
        }
    }

    /** Runs on the control thread; dropped once the broker is closed. */
    private void onControl(Runnable r) {
        try {
            control.execute(r);
        } catch (RejectedExecutionException closed) {
            // the broker is closing: nothing more to do
        }
    }

    private void onControlLater(Runnable r, long millis) {
        try {
            control.schedule(r, millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            // the broker is closing
        }
    }

    /** The topic named {@code name}, or null when it is not a valid topic. */
    static Topic parse(String name) {
        try {
            return Topic.parse(name);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void error(String what, Throwable e) {
        metrics.error();
        long now = System.nanoTime();
        if (now - lastErrorLog > TimeUnit.SECONDS.toNanos(5)) {
            lastErrorLog = now;
            log.warn("redis broker: cannot {}: {}", what, e.toString());
        }
    }
}
