package io.tickgate.bus.redis;

import io.lettuce.core.Range;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.tickgate.bus.presence.ConnectionEntry;
import io.tickgate.bus.presence.NodeStatus;
import io.tickgate.bus.presence.PresenceCodec;
import io.tickgate.bus.presence.TopicPresence;
import io.tickgate.model.topic.Topic;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's queries ({@link PresenceKeys}): each first reads the live nodes (heartbeat deadline not passed,
 * dropping dead ones from the index on the way), then only their entries, one key at a time (cluster-safe). Any
 * thread; asynchronous; a failed future when Redis is not connected.
 */
final class PresenceReads {

    private static final Logger log = LoggerFactory.getLogger(PresenceReads.class);

    private final PresenceKeys keys;
    private final Supplier<RedisClusterAsyncCommands<String, String>> commands;

    PresenceReads(PresenceKeys keys, Supplier<RedisClusterAsyncCommands<String, String>> commands) {
        this.keys = keys;
        this.commands = commands;
    }

    private RedisClusterAsyncCommands<String, String> commands() {
        return commands.get();
    }

    CompletableFuture<List<NodeStatus>> nodes() {
        return live().thenCompose(ids -> {
            RedisClusterAsyncCommands<String, String> r = commands();
            List<CompletableFuture<Map<String, String>>> infos = new ArrayList<>();
            for (String id : ids) {
                infos.add(r.hgetall(keys.info(id)).toCompletableFuture());
            }
            return CompletableFuture.allOf(infos.toArray(new CompletableFuture<?>[0])).thenApply(v -> {
                List<NodeStatus> out = new ArrayList<>();
                for (CompletableFuture<Map<String, String>> f : infos) {
                    Map<String, String> m = f.join();
                    if (m != null && m.containsKey("id")) {
                        out.add(new NodeStatus(m.get("id"), m.getOrDefault("address", ""), number(m, "started"),
                                number(m, "heartbeat"), number(m, "connections")));
                    }
                }
                out.sort(Comparator.comparing(NodeStatus::id));
                return out;
            });
        });
    }

    CompletableFuture<List<ConnectionEntry>> userConnections(String user) {
        RedisClusterAsyncCommands<String, String> r = commands();
        if (r == null) {
            return RedisPresence.unavailable();
        }
        CompletableFuture<Map<String, String>> entries = r.hgetall(keys.user(user)).toCompletableFuture();
        return live().thenCombine(entries, (ids, all) -> {
            Set<String> alive = new HashSet<>(ids);
            List<ConnectionEntry> out = new ArrayList<>();
            for (Map.Entry<String, String> e : all.entrySet()) {
                String node = e.getKey().substring(0, Math.max(0, e.getKey().indexOf('|')));
                if (!alive.contains(node)) {
                    r.hdel(keys.user(user), e.getKey()); // a dead node's leftover
                    continue;
                }
                try {
                    out.add(PresenceCodec.connection(e.getValue()));
                } catch (IllegalArgumentException bad) {
                    log.warn("presence: skipping a bad entry of user {}: {}", user, bad.getMessage());
                }
            }
            out.sort(Comparator.comparing(ConnectionEntry::nodeId).thenComparing(ConnectionEntry::connectionId));
            return out;
        });
    }

    CompletableFuture<TopicPresence> topic(Topic topic) {
        return live().thenCompose(ids -> {
            RedisClusterAsyncCommands<String, String> r = commands();
            Map<String, CompletableFuture<String>> counts = new TreeMap<>();
            for (String id : ids) {
                counts.put(id, r.hget(keys.topics(id), topic.toString()).toCompletableFuture());
            }
            return CompletableFuture.allOf(counts.values().toArray(new CompletableFuture<?>[0])).thenApply(v -> {
                Map<String, Long> byNode = new TreeMap<>();
                long total = 0;
                for (Map.Entry<String, CompletableFuture<String>> e : counts.entrySet()) {
                    String n = e.getValue().join();
                    long c = n == null ? 0 : Long.parseLong(n);
                    if (c > 0) {
                        byNode.put(e.getKey(), c);
                        total += c;
                    }
                }
                return new TopicPresence(topic, total, byNode);
            });
        });
    }

    /** The ids of live nodes; dead ones are removed from the index on the way. */
    private CompletableFuture<List<String>> live() {
        RedisClusterAsyncCommands<String, String> r = commands();
        if (r == null) {
            return RedisPresence.unavailable();
        }
        long now = System.currentTimeMillis();
        r.zremrangebyscore(keys.nodes(), Range.from(Range.Boundary.unbounded(), Range.Boundary.excluding(now)));
        return r.zrangebyscore(keys.nodes(), Range.from(Range.Boundary.including(now), Range.Boundary.unbounded()))
                .toCompletableFuture();
    }

    private static long number(Map<String, String> m, String key) {
        try {
            return Long.parseLong(m.getOrDefault(key, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
