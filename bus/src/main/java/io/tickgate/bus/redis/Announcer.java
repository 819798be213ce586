package io.tickgate.bus.redis;

import io.tickgate.model.topic.Topic;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * This node's own topics in the Redis topic directory ({@code P:topics}): every topic it has published or declared
 * (the configured topics of its feeds, {@link io.tickgate.bus.api.Broker#declare}). A topic is added (SADD) and
 * announced (PUBLISH of its name on {@code P:announce}) when this node declares or first publishes it, again when the
 * publish script reports its keys created afresh, and every one of them again each time the connection to Redis is
 * (re)established ({@link #all}).
 *
 * <p>Why: a node accepts a subscribe only to a topic it knows (else {@code UNKNOWN_TOPIC}, which clients do not
 * retry), and a node knows another node's topics only from this directory and the announcements. Declaring makes a
 * gateway-only node accept a feed node's topics before their first message, as the feed node does. Announcing again on
 * reconnect matters after Redis restarted empty (or was flushed), which loses the directory: nodes that stayed up keep
 * what they learned, but a node started afterwards would otherwise learn a topic only with its next publish, which for
 * a sharded feed comes once its lease is taken again (a lease tick, seconds) and for a quiet topic much later.
 *
 * <p>A failed announcement is tried again by the broker's health check once the connection is up ({@link #retry}), or
 * with the topic's next publish. Any thread; the Redis calls are asynchronous.
 */
final class Announcer {

    /** Where a topic's last announcement stands. */
    private enum Stage { SENT, DONE, FAILED }

    private final RedisKeys keys;
    private final RedisMetrics metrics;
    private final Consumer<Topic> onTopicSeen;
    private final Map<Topic, Stage> own = new ConcurrentHashMap<>();
    /** Topics whose last announcement failed, for {@link #retry}. */
    private final Set<Topic> failed = ConcurrentHashMap.newKeySet();
    /** After a failure, no retry before this ({@link System#nanoTime()}): at most one round a second. */
    private volatile long retryAfterNanos;

    /** @param onTopicSeen told of each of this node's topics (the node's own directory of known topics) */
    Announcer(RedisKeys keys, RedisMetrics metrics, Consumer<Topic> onTopicSeen) {
        this.keys = keys;
        this.metrics = metrics;
        this.onTopicSeen = onTopicSeen;
    }

    /** A topic this node publishes: announced the first time, and after a failed announcement. */
    void published(RedisLink l, Topic t) {
        if (own.putIfAbsent(t, Stage.SENT) == null || own.replace(t, Stage.FAILED, Stage.SENT)) {
            announce(l, t);
        }
    }

    /**
     * Topics this node will publish (configured, maybe not published yet): into the directory and announced at once
     * when connected ({@code l} not null), else on connecting ({@link #all}), which the broker does before it reports
     * ready. The future completes once each topic's SADD was answered (or failed: then retried by {@link #retry});
     * at once when not connected.
     */
    CompletableFuture<Void> declared(RedisLink l, Collection<Topic> topics) {
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (Topic t : topics) {
            if (own.putIfAbsent(t, Stage.FAILED) == null) {
                if (l == null) {
                    failed.add(t);
                } else if (own.replace(t, Stage.FAILED, Stage.SENT)) {
                    sent.add(announce(l, t));
                }
            }
        }
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
    }

    /** The publish script created the topic's keys afresh (Redis restarted empty, or was flushed): announce again. */
    void recreated(RedisLink l, Topic t) {
        own.put(t, Stage.SENT);
        announce(l, t);
    }

    /**
     * The connection to Redis is (back) up: every topic of this node into the directory again, and announced. The
     * future completes once every SADD was answered (failed ones are retried by {@link #retry}).
     */
    CompletableFuture<Void> all(RedisLink l) {
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (Topic t : own.keySet()) {
            own.put(t, Stage.SENT);
            failed.remove(t);
            sent.add(announce(l, t));
        }
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
    }

    /**
     * The health check found the connection up: announcements that failed are sent again, at most once a second (e.g.
     * a cluster that was still down, {@code CLUSTERDOWN}, when the connection came back).
     */
    void retry(RedisLink l) {
        if (failed.isEmpty() || System.nanoTime() - retryAfterNanos < 0) {
            return;
        }
        for (Topic t : failed) {
            failed.remove(t);
            published(l, t);
        }
    }

    /** SADD then PUBLISH; the future completes (never exceptionally) once the SADD was answered. */
    private CompletableFuture<Void> announce(RedisLink l, Topic t) {
        onTopicSeen.accept(t);
        try {
            return l.sadd(keys.directory(), t.toString()).handle((r, e) -> {
                if (e != null) {
                    failed(t);
                    return null;
                }
                own.replace(t, Stage.SENT, Stage.DONE);
                l.publish(keys.announce(), t.toString());
                return (Void) null;
            }).toCompletableFuture();
        } catch (RuntimeException e) {
            failed(t);
            return CompletableFuture.completedFuture(null);
        }
    }

    private void failed(Topic t) {
        metrics.error();
        retryAfterNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        if (own.replace(t, Stage.SENT, Stage.FAILED)) {
            failed.add(t);
        }
    }
}
