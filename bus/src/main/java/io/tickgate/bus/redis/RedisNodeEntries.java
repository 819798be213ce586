package io.tickgate.bus.redis;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.tickgate.bus.presence.ConnectionEntry;
import io.tickgate.bus.presence.ControlCommand;
import io.tickgate.bus.presence.NodeInfo;
import io.tickgate.bus.presence.PresenceCodec;
import io.tickgate.bus.presence.PresenceNode;
import io.tickgate.model.topic.Topic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One joined node's entries in Redis ({@link PresenceKeys}). The node's view (its connections and per-topic
 * counts) lives here and has one writer: the presence thread, where every call is queued. Connection changes are
 * written at once; topic counts and the heartbeat every {@link NodeInfo#heartbeatMillis()}. When the heartbeat finds
 * the node's info gone (expired after an outage, Redis restarted empty) it writes everything again.
 */
final class RedisNodeEntries implements PresenceNode {

    /** A user's hash outlives the longest connection (24 h). */
    static final long USER_TTL_MILLIS = TimeUnit.HOURS.toMillis(25);

    private final NodeInfo info;
    private final PresenceKeys keys;
    private final Supplier<RedisLink> link;
    private final Executor thread;
    private final Consumer<RedisNodeEntries> onClose;
    private final Map<String, ConnectionEntry> connections = new LinkedHashMap<>();
    private final Map<Topic, Long> topics = new HashMap<>();
    private final Set<Topic> dirty = new LinkedHashSet<>();
    private volatile Consumer<ControlCommand> listener = c -> { };
    private volatile boolean rewrite = true;
    private volatile String problem;
    private ScheduledFuture<?> heartbeat;
    private boolean closed;

    RedisNodeEntries(NodeInfo info, PresenceKeys keys, Supplier<RedisLink> link, Executor thread,
                     Consumer<RedisNodeEntries> onClose) {
        this.info = info;
        this.keys = keys;
        this.link = link;
        this.thread = thread;
        this.onClose = onClose;
    }

    void heartbeatWith(ScheduledFuture<?> f) {
        heartbeat = f;
    }

    NodeInfo info() {
        return info;
    }

    Consumer<ControlCommand> listener() {
        return listener;
    }

    String problem() {
        return problem;
    }

    @Override
    public String nodeId() {
        return info.id();
    }

    @Override
    public void connectionOpened(ConnectionEntry c) {
        thread.execute(() -> {
            connections.put(c.connectionId(), c);
            RedisClusterAsyncCommands<String, String> r = commands();
            if (r != null && !rewrite) {
                String entry = PresenceCodec.encode(c);
                track(r.hset(keys.connections(info.id()), c.connectionId(), entry));
                if (c.user() != null) {
                    track(r.hset(keys.user(c.user()), PresenceKeys.userField(info.id(), c.connectionId()), entry));
                    track(r.pexpire(keys.user(c.user()), USER_TTL_MILLIS));
                }
            }
        });
    }

    @Override
    public void connectionClosed(String connectionId) {
        thread.execute(() -> {
            ConnectionEntry c = connections.remove(connectionId);
            RedisClusterAsyncCommands<String, String> r = commands();
            if (c != null && r != null && !rewrite) {
                track(r.hdel(keys.connections(info.id()), connectionId));
                if (c.user() != null) {
                    track(r.hdel(keys.user(c.user()), PresenceKeys.userField(info.id(), connectionId)));
                }
            }
        });
    }

    @Override
    public void subscribed(Topic topic) {
        thread.execute(() -> {
            topics.merge(topic, 1L, Long::sum);
            dirty.add(topic);
        });
    }

    @Override
    public void unsubscribed(Topic topic) {
        thread.execute(() -> {
            topics.computeIfPresent(topic, (t, n) -> n <= 1 ? null : n - 1);
            dirty.add(topic);
        });
    }

    @Override
    public void onCommand(Consumer<ControlCommand> l) {
        listener = l;
    }

    /** Presence thread, every heartbeat: refreshes the node's entries (all of them when they were lost). */
    void beat() {
        RedisClusterAsyncCommands<String, String> r = commands();
        if (r == null || closed) {
            return;
        }
        long now = System.currentTimeMillis();
        String id = info.id();
        boolean full = rewrite;
        if (full) {
            writeAll(r);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("id", id);
        fields.put("address", info.address());
        fields.put("started", Long.toString(info.startedAt()));
        fields.put("heartbeat", Long.toString(now));
        fields.put("connections", Long.toString(connections.size()));
        RedisFuture<Long> added = r.hset(keys.info(id), fields);
        added.whenComplete((n, e) -> {
            if (!full && e == null && n != null && n == fields.size()) {
                rewrite = true; // the info was gone: so may be the rest; written in full at the next beat
            }
        });
        track(added);
        for (Topic t : dirty) {
            Long n = topics.get(t);
            track(n == null ? r.hdel(keys.topics(id), t.toString()) : r.hset(keys.topics(id), t.toString(),
                    Long.toString(n)));
        }
        dirty.clear();
        for (String k : new String[] {keys.info(id), keys.connections(id), keys.topics(id)}) {
            track(r.pexpire(k, info.ttlMillis()));
        }
        track(r.zadd(keys.nodes(), (double) (now + info.ttlMillis()), id));
    }

    private void writeAll(RedisClusterAsyncCommands<String, String> r) {
        rewrite = false;
        String id = info.id();
        track(r.del(keys.connections(id), keys.topics(id)));
        if (!connections.isEmpty()) {
            Map<String, String> all = new LinkedHashMap<>();
            for (ConnectionEntry c : connections.values()) {
                String entry = PresenceCodec.encode(c);
                all.put(c.connectionId(), entry);
                if (c.user() != null) {
                    track(r.hset(keys.user(c.user()), PresenceKeys.userField(id, c.connectionId()), entry));
                    track(r.pexpire(keys.user(c.user()), USER_TTL_MILLIS));
                }
            }
            track(r.hset(keys.connections(id), all));
        }
        if (!topics.isEmpty()) {
            Map<String, String> counts = new LinkedHashMap<>();
            topics.forEach((t, n) -> counts.put(t.toString(), Long.toString(n)));
            track(r.hset(keys.topics(id), counts));
        }
        dirty.clear();
    }

    /** Presence thread: removes every entry of the node; the returned future completes when Redis answered. */
    CompletableFuture<Void> remove() {
        closed = true;
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        RedisClusterAsyncCommands<String, String> r = commands();
        if (r == null) {
            return CompletableFuture.completedFuture(null);
        }
        String id = info.id();
        List<CompletableFuture<?>> calls = new ArrayList<>();
        calls.add(r.zrem(keys.nodes(), id).toCompletableFuture());
        calls.add(r.del(keys.info(id), keys.connections(id), keys.topics(id)).toCompletableFuture());
        for (ConnectionEntry c : connections.values()) {
            if (c.user() != null) {
                calls.add(r.hdel(keys.user(c.user()), PresenceKeys.userField(id, c.connectionId()))
                        .toCompletableFuture());
            }
        }
        return CompletableFuture.allOf(calls.toArray(new CompletableFuture<?>[0]));
    }

    @Override
    public void close() {
        onClose.accept(this);
    }

    private RedisClusterAsyncCommands<String, String> commands() {
        RedisLink l = link.get();
        return l == null ? null : l.commands();
    }

    /** A write that fails makes the next heartbeat write everything again (and says why until then). */
    private void track(RedisFuture<?> f) {
        f.whenComplete((v, e) -> {
            if (e != null) {
                rewrite = true;
                problem = "presence of node " + info.id() + ": " + e.getMessage();
            } else {
                problem = null;
            }
        });
    }
}
