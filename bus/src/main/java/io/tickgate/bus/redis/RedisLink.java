package io.tickgate.bus.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.BaseRedisAsyncCommands;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import io.lettuce.core.api.async.RedisSetAsyncCommands;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.Partitions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubListener;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.tickgate.bus.api.BrokerSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The engine's connections to one Redis deployment: a command connection (scripts, the directory; pipelined, async)
 * and pub/sub connections: one for standalone Redis (PUBLISH/SUBSCRIBE), one per master for a cluster
 * (SPUBLISH/SSUBSCRIBE go to the master owning the channel's slot). Lettuce reconnects them by itself; while
 * disconnected, commands are rejected at once instead of buffered (the publisher's queue is the only buffer).
 */
final class RedisLink implements AutoCloseable {

    private static final String MAIN = "main";

    private final boolean cluster;
    private final AbstractRedisClient client;
    private final RedisClient pubSubClient;
    private final StatefulConnection<String, String> connection;
    private final StatefulRedisClusterConnection<String, String> clusterConnection;
    private final RedisScriptingAsyncCommands<String, String> scripting;
    private final RedisSetAsyncCommands<String, String> sets;
    private final BaseRedisAsyncCommands<String, String> base;
    private final Map<String, StatefulRedisPubSubConnection<String, String>> pubSubs = new ConcurrentHashMap<>();
    private final RedisPubSubListener<String, String> listener;
    private final RedisURI standaloneUri;
    /** How long a script call waits for its answer (Lettuce does not time script calls out: {@link ScriptTimeouts}). */
    private final long scriptTimeoutMillis;
    private volatile boolean slotsCovered = true;

    private RedisLink(boolean cluster, AbstractRedisClient client, RedisClient pubSubClient,
                      StatefulConnection<String, String> connection,
                      StatefulRedisClusterConnection<String, String> clusterConnection,
                      RedisScriptingAsyncCommands<String, String> scripting, RedisSetAsyncCommands<String, String> sets,
                      BaseRedisAsyncCommands<String, String> base, RedisPubSubListener<String, String> listener,
                      RedisURI standaloneUri, long scriptTimeoutMillis) {
        this.cluster = cluster;
        this.client = client;
        this.pubSubClient = pubSubClient;
        this.connection = connection;
        this.clusterConnection = clusterConnection;
        this.scripting = scripting;
        this.sets = sets;
        this.base = base;
        this.listener = listener;
        this.standaloneUri = standaloneUri;
        this.scriptTimeoutMillis = scriptTimeoutMillis;
    }

    /**
     * Connects (blocking, bounded by the connect timeout): the command connection, and for standalone Redis the
     * pub/sub connection; then loads the scripts.
     */
    static RedisLink connect(RedisEndpoint endpoint, ClientResources resources, BrokerSettings settings,
                             RedisPubSubListener<String, String> listener) {
        Duration connectTimeout = Duration.ofMillis(Math.max(500, settings.commandTimeoutMillis()));
        SocketOptions socket = SocketOptions.builder().connectTimeout(connectTimeout).keepAlive(true).build();
        TimeoutOptions timeouts = ScriptTimeouts.options(settings.commandTimeoutMillis());
        ClientOptions options = ClientOptions.builder().autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(socket).timeoutOptions(timeouts).build();
        if (!endpoint.cluster()) {
            RedisURI uri = endpoint.uris().get(0);
            RedisClient c = RedisClient.create(resources, uri);
            c.setOptions(options);
            try {
                StatefulRedisConnection<String, String> conn = c.connect(StringCodec.UTF8);
                RedisLink link = new RedisLink(false, c, c, conn, null, conn.async(), conn.async(), conn.async(),
                        listener, uri, settings.commandTimeoutMillis());
                link.pubSubs.put(MAIN, link.connectPubSub(uri));
                link.loadScripts();
                return link;
            } catch (RuntimeException e) {
                c.shutdown(0, 1, TimeUnit.SECONDS);
                throw e;
            }
        }
        RedisClusterClient c = RedisClusterClient.create(resources, endpoint.uris());
        c.setOptions(ClusterClientOptions.builder(options)
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                        .enableAllAdaptiveRefreshTriggers()
                        .enablePeriodicRefresh(Duration.ofSeconds(5))
                        .build())
                .build());
        RedisClient nodes = RedisClient.create(resources);
        nodes.setOptions(options);
        try {
            StatefulRedisClusterConnection<String, String> conn = c.connect(StringCodec.UTF8);
            RedisLink link = new RedisLink(true, c, nodes, conn, conn, conn.async(), conn.async(), conn.async(),
                    listener, null, settings.commandTimeoutMillis());
            link.loadScripts();
            return link;
        } catch (RuntimeException e) {
            c.shutdown(0, 1, TimeUnit.SECONDS);
            nodes.shutdown(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    private StatefulRedisPubSubConnection<String, String> connectPubSub(RedisURI uri) {
        StatefulRedisPubSubConnection<String, String> ps = pubSubClient.connectPubSub(StringCodec.UTF8, uri);
        ps.addListener(listener);
        return ps;
    }

    private void loadScripts() {
        for (LuaScript s : List.of(LuaScript.PUBLISH, LuaScript.IMAGE, LuaScript.HISTORY)) {
            try {
                scripting.scriptLoad(s.text()).get(connection.getTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("cannot load script " + s.name() + ": " + e.getMessage(), e);
            }
        }
    }

    boolean cluster() {
        return cluster;
    }

    /** The publish command the scripts use: SPUBLISH on a cluster, PUBLISH on standalone Redis. */
    String publishCommand() {
        return cluster ? "SPUBLISH" : "PUBLISH";
    }

    /** The cluster slot of a key (0 for standalone Redis: everything goes to one server). */
    int slot(String key) {
        return cluster ? SlotHash.getSlot(key) : 0;
    }

    /** True while the command connection is connected (and, on a cluster, every slot has a known master). */
    boolean commandsOpen() {
        return connection.isOpen() && slotsCovered;
    }

    /**
     * Cluster health (called periodically): whether the client's view of the cluster has a master for every slot;
     * when not (the cluster was re-created, a failover is under way) asks for a topology refresh.
     *
     * @return null, or the problem
     */
    String checkTopology() {
        if (!cluster) {
            return null;
        }
        Partitions p = clusterConnection.getPartitions();
        int missing = 0;
        for (int slot = 0; slot < SlotHash.SLOT_COUNT; slot++) {
            if (p.getMasterBySlot(slot) == null) {
                missing++;
            }
        }
        slotsCovered = missing == 0;
        if (missing > 0) {
            ((RedisClusterClient) client).refreshPartitionsAsync();
            return "redis cluster: " + missing + " slots without a known master; refreshing the topology";
        }
        return null;
    }

    /**
     * Runs a script by SHA; when the server does not know it (NOSCRIPT: restarted, flushed, a new master after a
     * failover) loads it and runs it again, once (for calls whose order does not matter: reads, claims). Fails with a {@link java.util.concurrent.TimeoutException} when no
     * answer came within the command timeout; the call is still written, after every call made before it, and may
     * run ({@link ScriptTimeouts}).
     */
    CompletionStage<List<Object>> eval(LuaScript script, String[] keys, String... args) {
        return evalOnce(script, keys, args).toCompletableFuture()
                .orTimeout(scriptTimeoutMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Runs a script by SHA and nothing more: when the server does not know it the call fails with
     * {@link RedisNoScriptException}. For calls whose order matters (publish): the writer resends a failed call only
     * once the calls before it are answered, by {@link #evalLoading}; an EVAL sent from the reply handler, as
     * {@link #eval} does, goes out behind the calls pipelined after it, which may run first once the script is loaded
     * again. Untimed: the command completes only when Redis answers it (or the connection fails it), so the caller
     * can tell whether a copy is still queued in the client; {@link #timed} gives the caller its timeout.
     */
    CompletableFuture<List<Object>> evalCached(LuaScript script, String[] keys, String... args) {
        RedisFuture<List<Object>> f = scripting.evalsha(script.sha(), ScriptOutputType.MULTI, keys, args);
        return f.toCompletableFuture();
    }

    /**
     * Runs a script by its text (EVAL), which also loads it, so the later {@link #evalCached} calls find it again.
     * Untimed, as {@link #evalCached}.
     */
    CompletableFuture<List<Object>> evalLoading(LuaScript script, String[] keys, String... args) {
        RedisFuture<List<Object>> f = scripting.eval(script.text(), ScriptOutputType.MULTI, keys, args);
        return f.toCompletableFuture();
    }

    /**
     * The answer of a command, failing with a {@link java.util.concurrent.TimeoutException} after the command timeout;
     * the command itself is left alone: a Lettuce command completed before its I/O thread wrote it is never written,
     * so timing out the command would drop it while later ones go out.
     */
    CompletableFuture<List<Object>> timed(CompletableFuture<List<Object>> command) {
        return command.thenApply(r -> r).orTimeout(scriptTimeoutMillis, TimeUnit.MILLISECONDS);
    }

    private CompletionStage<List<Object>> evalOnce(LuaScript script, String[] keys, String... args) {
        RedisFuture<List<Object>> f = scripting.evalsha(script.sha(), ScriptOutputType.MULTI, keys, args);
        return f.handle((r, e) -> {
            if (e == null) {
                return CompletableFuture.completedFuture(r);
            }
            Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                    ? e.getCause() : e;
            if (cause instanceof RedisNoScriptException) {
                RedisFuture<List<Object>> again = scripting.eval(script.text(), ScriptOutputType.MULTI, keys, args);
                return again.toCompletableFuture();
            }
            return CompletableFuture.<List<Object>>failedFuture(cause);
        }).thenCompose(x -> x);
    }

    RedisFuture<Long> sadd(String key, String member) {
        return sets.sadd(key, member);
    }

    RedisFuture<Boolean> sismember(String key, String member) {
        return sets.sismember(key, member);
    }

    RedisFuture<java.util.Set<String>> smembers(String key) {
        return sets.smembers(key);
    }

    RedisFuture<Long> publish(String channel, String message) {
        return base.publish(channel, message);
    }

    /**
     * The pub/sub connection for a channel: the one connection of standalone Redis, or the connection to the master
     * owning the channel's slot (connected on first use: blocking, bounded; call from the engine's control thread).
     */
    StatefulRedisPubSubConnection<String, String> pubSubFor(String channel) {
        String node = nodeOf(channel);
        if (!cluster) {
            return pubSubs.get(MAIN);
        }
        StatefulRedisPubSubConnection<String, String> ps = pubSubs.get(node);
        if (ps == null) {
            RedisClusterNode master = clusterConnection.getPartitions().getMasterBySlot(SlotHash.getSlot(channel));
            ps = connectPubSub(RedisURI.create(master.getUri().getHost(), master.getUri().getPort()));
            pubSubs.put(node, ps);
        }
        return ps;
    }

    /** Which pub/sub connection serves a channel: "main", or the owning master's host:port. */
    String nodeOf(String channel) {
        if (!cluster) {
            return MAIN;
        }
        RedisClusterNode master = clusterConnection.getPartitions().getMasterBySlot(SlotHash.getSlot(channel));
        if (master == null) {
            throw new IllegalStateException("no master serves the slot of " + channel);
        }
        return master.getUri().getHost() + ":" + master.getUri().getPort();
    }

    /** True when the pub/sub connection named {@code node} exists and is connected. */
    boolean pubSubOpen(String node) {
        StatefulRedisPubSubConnection<String, String> ps = pubSubs.get(node);
        return ps != null && ps.isOpen();
    }

    /** Subscribes a connection to a topic channel: SSUBSCRIBE on a cluster, SUBSCRIBE on standalone Redis. */
    RedisFuture<Void> subscribeTopic(StatefulRedisPubSubConnection<String, String> ps, String channel) {
        return cluster ? ps.async().ssubscribe(channel) : ps.async().subscribe(channel);
    }

    RedisFuture<Void> unsubscribeTopic(StatefulRedisPubSubConnection<String, String> ps, String channel) {
        return cluster ? ps.async().sunsubscribe(channel) : ps.async().unsubscribe(channel);
    }

    /** Subscribes to a plain (broadcast) channel on the pub/sub connection for {@code channel}'s slot. */
    RedisFuture<Void> subscribePlain(String channel) {
        return pubSubFor(channel).async().subscribe(channel);
    }

    /** Where {@link #subscribePlain} subscribed. */
    String plainNode(String channel) {
        return nodeOf(channel);
    }

    /** Every command (the registry's hashes and sorted sets), async; on a cluster routed by key. */
    @SuppressWarnings("unchecked")
    RedisClusterAsyncCommands<String, String> commands() {
        return cluster ? clusterConnection.async() : ((StatefulRedisConnection<String, String>) connection).async();
    }

    /**
     * A pub/sub connection of its own for plain broadcast channels (PUBLISH reaches every node of a cluster), with
     * {@code l} as its listener; Lettuce resubscribes it after a reconnect. Blocking, bounded by the connect
     * timeout; closed with the link.
     */
    StatefulRedisPubSubConnection<String, String> connectBroadcast(RedisPubSubListener<String, String> l) {
        StatefulRedisPubSubConnection<String, String> ps = cluster
                ? ((RedisClusterClient) client).connectPubSub(StringCodec.UTF8)
                : pubSubClient.connectPubSub(StringCodec.UTF8, standaloneUri);
        ps.addListener(l);
        return ps;
    }

    String describe() {
        return cluster ? "cluster" : String.valueOf(standaloneUri);
    }

    @Override
    public void close() {
        // shutting a client down closes its connections
        client.shutdown(0, 1, TimeUnit.SECONDS);
        if (pubSubClient != client) {
            pubSubClient.shutdown(0, 1, TimeUnit.SECONDS);
        }
    }
}
