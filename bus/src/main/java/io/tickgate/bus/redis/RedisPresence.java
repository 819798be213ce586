package io.tickgate.bus.redis;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.tickgate.bus.presence.ConnectionEntry;
import io.tickgate.bus.presence.ControlCommand;
import io.tickgate.bus.presence.NodeInfo;
import io.tickgate.bus.presence.NodeStatus;
import io.tickgate.bus.presence.Presence;
import io.tickgate.bus.presence.PresenceCodec;
import io.tickgate.bus.presence.PresenceNode;
import io.tickgate.bus.presence.TopicPresence;
import io.tickgate.model.topic.Topic;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry and control channel in Redis (key layout in {@link PresenceKeys}), standalone or Cluster, sharing the
 * broker's connections. Nodes joined here heartbeat from one presence thread ({@link RedisNodeEntries}); queries
 * ({@link PresenceReads}) read Redis asynchronously and keep only nodes whose heartbeat deadline has not passed. Control commands go out with PUBLISH on one broadcast channel, which every
 * node's own pub/sub connection receives.
 */
public final class RedisPresence implements Presence {

    private static final Logger log = LoggerFactory.getLogger(RedisPresence.class);
    private static final long CONNECT_WAIT_MILLIS = 3_000;

    private final PresenceKeys keys;
    private final Supplier<RedisLink> link;
    private final ScheduledExecutorService thread;
    private final Map<String, RedisNodeEntries> nodes = new ConcurrentHashMap<>();
    private final PresenceReads reads;
    private volatile StatefulRedisPubSubConnection<String, String> control;

    RedisPresence(String keyPrefix, Supplier<RedisLink> link) {
        this.keys = new PresenceKeys(keyPrefix);
        this.link = link;
        this.reads = new PresenceReads(keys, this::commands);
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tickgate-redis-presence");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::ensureControl, 1_000, 1_000, TimeUnit.MILLISECONDS);
    }

    @Override
    public PresenceNode join(NodeInfo info) {
        RedisNodeEntries n = new RedisNodeEntries(info, keys, link, thread, this::leave);
        if (nodes.putIfAbsent(info.id(), n) != null) {
            throw new IllegalArgumentException("node " + info.id() + " already joined");
        }
        try {
            // the first heartbeat and the control subscription, before the node takes clients
            thread.submit(() -> {
                ensureControl();
                n.beat();
            }).get(CONNECT_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.warn("presence: node {} joined while Redis does not answer yet ({}); heartbeating in the background",
                    info.id(), e.toString());
        }
        n.heartbeatWith(thread.scheduleWithFixedDelay(n::beat, info.heartbeatMillis(), info.heartbeatMillis(),
                TimeUnit.MILLISECONDS));
        return n;
    }

    private void leave(RedisNodeEntries n) {
        if (!nodes.remove(n.nodeId(), n)) {
            return;
        }
        try {
            thread.submit(n::remove).get(1, TimeUnit.SECONDS).get(1, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("presence: node {} left without removing its entries ({}); they expire in {} ms", n.nodeId(),
                    e.toString(), n.info().ttlMillis());
        }
    }

    /** Presence thread: subscribes the control channel once the broker has a link (Lettuce resubscribes later). */
    private void ensureControl() {
        RedisLink l = link.get();
        if (control != null || l == null) {
            return;
        }
        try {
            StatefulRedisPubSubConnection<String, String> ps = l.connectBroadcast(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    onControl(message);
                }
            });
            ps.sync().subscribe(keys.control());
            control = ps;
        } catch (RuntimeException e) {
            log.warn("presence: cannot subscribe to the control channel yet: {}", e.toString());
        }
    }

    private void onControl(String message) {
        ControlCommand c;
        try {
            c = PresenceCodec.command(message);
        } catch (IllegalArgumentException e) {
            log.warn("presence: ignoring a bad control message: {}", e.getMessage());
            return;
        }
        for (RedisNodeEntries n : nodes.values()) {
            try {
                n.listener().accept(c);
            } catch (RuntimeException e) {
                log.warn("node {}: control command {} failed", n.nodeId(), c.kind(), e);
            }
        }
    }

    @Override
    public CompletableFuture<List<NodeStatus>> nodes() {
        return reads.nodes();
    }

    @Override
    public CompletableFuture<List<ConnectionEntry>> userConnections(String user) {
        return reads.userConnections(user);
    }

    @Override
    public CompletableFuture<TopicPresence> topic(Topic topic) {
        return reads.topic(topic);
    }

    @Override
    public CompletableFuture<Long> send(ControlCommand command) {
        RedisClusterAsyncCommands<String, String> r = commands();
        if (r == null) {
            return unavailable();
        }
        return r.publish(keys.control(), PresenceCodec.encode(command)).toCompletableFuture();
    }

    @Override
    public String problem() {
        if (link.get() == null) {
            return "presence: redis not connected";
        }
        if (control == null) {
            return "presence: control channel not subscribed yet";
        }
        for (RedisNodeEntries n : nodes.values()) {
            if (n.problem() != null) {
                return n.problem();
            }
        }
        return null;
    }

    private RedisClusterAsyncCommands<String, String> commands() {
        RedisLink l = link.get();
        return l == null ? null : l.commands();
    }

    static <T> CompletableFuture<T> unavailable() {
        return CompletableFuture.failedFuture(new IllegalStateException("presence: redis not connected"));
    }

    /**
     * Stops heartbeating without removing anything, as a crashed process would: the nodes' entries then expire
     * (failure tests). The nodes can no longer leave cleanly.
     */
    void stopHeartbeats() {
        thread.shutdownNow();
    }

    /** Leaves every node still joined (removing their entries) and stops the presence thread. */
    void close() {
        for (RedisNodeEntries n : List.copyOf(nodes.values())) {
            n.close();
        }
        thread.shutdownNow(); // the control connection closes with the broker's link
    }
}
