package io.tickgate.bench.takeover;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tickgate.bus.Brokers;
import io.tickgate.bus.api.Broker;
import io.tickgate.bus.api.BrokerSettings;
import io.tickgate.bus.lease.ShardOwnership;
import io.tickgate.feed.FeedPools;
import io.tickgate.feed.shard.FeedShard;
import io.tickgate.feed.shard.ShardedFeeds;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One collector node as {@code tickgate} runs it on a shared broker (its own broker connections, pools, shard
 * leases), in this JVM. {@link #kill} stops it as a dead process would: no handover, its leases run out.
 */
final class CollectorNode implements AutoCloseable {

    final String name;
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Broker broker;
    private final FeedPools feeds;
    final ShardedFeeds sharded;
    final ShardOwnership ownership;
    private boolean stopped;

    CollectorNode(String name, String redisUrl, List<FeedShard> shards, long leaseTtlMillis) {
        this.name = name;
        broker = Brokers.open(redisUrl, BrokerSettings.defaults(), registry);
        feeds = FeedPools.sharded(1);
        sharded = new ShardedFeeds(shards, broker, feeds, registry);
        ownership = new ShardOwnership(name, sharded.names(), broker, sharded::shardOf, sharded, leaseTtlMillis,
                registry, sharded::hasStandby);
    }

    /** Per shard: the trades it backfilled by REST and those its standby buffer supplied, as this node ran it. */
    Map<String, Long> counts(String key) throws Exception {
        Map<String, Long> out = new java.util.TreeMap<>();
        for (Map<String, Object> m : sharded.report().view(ownership.leases().get(5, TimeUnit.SECONDS))) {
            Object v = m.get(key);
            if (v instanceof Number n) {
                out.put((String) m.get("shard"), n.longValue());
            }
        }
        return out;
    }

    /** Stops without handing over (as if the process died). */
    void kill() {
        if (!stopped) {
            stopped = true;
            ownership.abandon();
            feeds.close();
            broker.close();
        }
    }

    @Override
    public void close() {
        if (!stopped) {
            stopped = true;
            ownership.close();
            feeds.close();
            broker.close();
        }
    }
}
