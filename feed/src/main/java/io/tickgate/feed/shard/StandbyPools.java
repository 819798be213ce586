package io.tickgate.feed.shard;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tickgate.feed.FeedPools;
import io.tickgate.feed.pool.FeedPool;
import io.tickgate.feed.standby.StandbyCounters;
import io.tickgate.feed.standby.StandbyGate;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pools of the shards this node stands by for: each on its own upstream connections, publishing into a
 * {@link StandbyGate}'s buffer. Started and stopped by the ownership thread; a takeover {@link #promote promotes}
 * one to the shard's running pool. Metrics: {@code tickgate.shards.standby.buffered} (events buffered now),
 * {@code .dropped} (dropped by the buffer bounds), {@code .supplied} (trades published from a buffer at a takeover).
 */
final class StandbyPools {

    /** A standing shard: its pool and the gate its events go through. */
    record Standing(FeedPool pool, StandbyGate gate) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(StandbyPools.class);

    private final FeedPools pools;
    private final StandbyCounters counters = new StandbyCounters();
    private final Map<String, Standing> standing = new ConcurrentHashMap<>();

    StandbyPools(FeedPools pools, MeterRegistry registry) {
        this.pools = pools;
        if (registry != null) {
            Gauge.builder("tickgate.shards.standby.buffered", this, StandbyPools::buffered)
                    .description("events the standby buffers of this node hold now").register(registry);
            FunctionCounter.builder("tickgate.shards.standby.dropped", counters, StandbyCounters::droppedTotal)
                    .description("events dropped from standby buffers by their bounds (age, count)")
                    .register(registry);
            FunctionCounter.builder("tickgate.shards.standby.supplied", counters, StandbyCounters::suppliedTotal)
                    .description("trades a standby buffer published at a takeover (the old owner had not)")
                    .register(registry);
        }
    }

    /** Starts standing by for {@code shard} (nothing if it already does). */
    void start(FeedShard shard) {
        if (standing.containsKey(shard.name())) {
            return;
        }
        StandbyGate gate = new StandbyGate(shard.standby(), counters);
        standing.put(shard.name(), new Standing(pools.start(shard.name(), shard.config(), gate, Map.of()), gate));
        LOG.info("shard {}: standing by ({} events / {} ms buffered)", shard.name(), shard.standby().maxEvents(),
                shard.standby().maxAgeMillis());
    }

    /** Stops standing by for {@code shard} (nothing if it does not). */
    void stop(String shard) {
        Standing s = standing.remove(shard);
        if (s != null) {
            pools.stop(s.pool());
            LOG.info("shard {}: no longer standing by", shard);
        }
    }

    /** The standing pool of {@code shard}, no longer standing by (the caller takes it over), or null. */
    Standing promote(String shard) {
        return standing.remove(shard);
    }

    /** The standing pool of {@code shard}, or null (any thread). */
    Standing get(String shard) {
        return standing.get(shard);
    }

    /** Every standing pool by shard, sorted by shard (a snapshot; any thread). */
    Map<String, Standing> all() {
        return new TreeMap<>(standing);
    }

    StandbyCounters counters() {
        return counters;
    }

    private double buffered() {
        return standing.values().stream().mapToInt(s -> s.gate().buffered()).sum();
    }
}
