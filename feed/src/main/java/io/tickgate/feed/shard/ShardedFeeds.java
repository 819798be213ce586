package io.tickgate.feed.shard;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tickgate.bus.api.Broker;
import io.tickgate.bus.lease.ShardListener;
import io.tickgate.bus.lease.TopicClaim;
import io.tickgate.feed.FeedPools;
import io.tickgate.feed.pipeline.VenueProcessor;
import io.tickgate.feed.pool.FeedPool;
import io.tickgate.feed.standby.StandbyCounters;
import io.tickgate.feed.standby.StandbyGate;
import io.tickgate.feed.standby.Unreceived;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.topic.Topic;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the pools of the shards this node owns. On {@link #gained}: claims every topic of the shard with the lease
 * generation (from then on the broker refuses the previous owner's publishes) and takes each trade topic's last trade
 * from the claim. If this node stood by for the shard ({@link #standby}), its standing pool publishes from its buffer
 * what the old owner had not, resyncs the books and goes live ({@link StandbyGate#takeOver}); otherwise the shard's
 * pool starts publishing with that generation, its trade ids continuing from there (a hole up to the first live trade
 * is backfilled from the venue's REST, or announced as a gap). On {@link #lost}: stops the pool. Called by the
 * ownership thread only. The takeover time (vacant → first event published here) goes to
 * {@code tickgate.shards.takeover.time}, tagged {@code standby} true or false.
 */
public final class ShardedFeeds implements ShardListener {

    private static final Logger LOG = LoggerFactory.getLogger(ShardedFeeds.class);
    private static final long CLAIM_MILLIS = 5_000;

    private final Map<String, FeedShard> shards = new LinkedHashMap<>();
    private final Map<Topic, String> shardOfTopic = new HashMap<>();
    private final Broker broker;
    private final FeedPools pools;
    private final Map<String, FeedPool> running = new ConcurrentHashMap<>();
    private final Map<String, StandbyGate> promoted = new ConcurrentHashMap<>();
    private final StandbyPools standing;
    private final ShardReport report;
    private final Timer coldTakeovers;
    private final Timer hotTakeovers;

    public ShardedFeeds(List<FeedShard> shards, Broker broker, FeedPools pools) {
        this(shards, broker, pools, null);
    }

    /** @param registry metrics (takeover time, standby buffers), or null */
    public ShardedFeeds(List<FeedShard> shards, Broker broker, FeedPools pools, MeterRegistry registry) {
        for (FeedShard s : shards) {
            if (this.shards.put(s.name(), s) != null) {
                throw new IllegalArgumentException("shard " + s.name() + " configured twice");
            }
            s.topics().forEach(t -> shardOfTopic.put(t, s.name()));
        }
        this.broker = broker;
        this.pools = pools;
        this.standing = new StandbyPools(pools, registry);
        this.report = new ShardReport(this.shards, running, standing, promoted);
        MeterRegistry r = registry == null ? new SimpleMeterRegistry() : registry;
        this.coldTakeovers = takeoverTimer(r, false);
        this.hotTakeovers = takeoverTimer(r, true);
    }

    private static Timer takeoverTimer(MeterRegistry r, boolean standby) {
        return Timer.builder("tickgate.shards.takeover.time").tag("standby", Boolean.toString(standby))
                .description("a shard left vacant (its owner's lease ran out, as last seen here) → the first event"
                        + " this node published for it").register(r);
    }

    /** True when the shard's venue wants a hot standby. */
    public boolean hasStandby(String shard) {
        FeedShard s = shards.get(shard);
        return s != null && s.standby().enabled();
    }

    /** The standby buffers' counters of this node. */
    public StandbyCounters standbyCounters() {
        return standing.counters();
    }

    /** Every shard's name. */
    public List<String> names() {
        return List.copyOf(shards.keySet());
    }

    /** The shard a topic belongs to, or null. */
    public String shardOf(Topic t) {
        return shardOfTopic.get(t);
    }

    @Override
    public void gained(String shard, long generation) {
        gained(shard, generation, System.nanoTime());
    }

    @Override
    public void standby(String shard, boolean on) {
        FeedShard s = shards.get(shard);
        if (s == null || !s.standby().enabled()) {
            return;
        }
        try {
            if (on && !running.containsKey(shard)) {
                standing.start(s);
            } else if (!on) {
                standing.stop(shard);
            }
        } catch (RuntimeException e) {
            LOG.warn("shard {}: standby {} failed ({})", shard, on ? "start" : "stop", e.toString());
        }
    }

    @Override
    public void gained(String shard, long generation, long vacantSinceNanos) {
        FeedShard s = shards.get(shard);
        Map<Topic, CompletableFuture<TopicClaim>> claims = new LinkedHashMap<>();
        for (Topic t : s.topics()) {
            claims.put(t, broker.claim(t, generation));
        }
        Map<Topic, MarketEvent> resume = new HashMap<>();
        for (Map.Entry<Topic, CompletableFuture<TopicClaim>> e : claims.entrySet()) {
            TopicClaim c;
            try {
                c = e.getValue().get(CLAIM_MILLIS, TimeUnit.MILLISECONDS);
            } catch (Exception ex) {
                throw new IllegalStateException("claiming " + e.getKey() + " failed: " + ex, ex);
            }
            if (!c.granted()) {
                throw new IllegalStateException(e.getKey() + " carries generation " + c.generation()
                        + ", newer than this lease's " + generation);
            }
            if (c.last() != null) {
                resume.put(e.getKey(), c.last());
            }
        }
        StandbyPools.Standing st = standing.promote(shard);
        Timer timer = generation <= 1 ? null : st != null ? hotTakeovers : coldTakeovers;
        Consumer<MarketEvent> publish = new FirstPublish(ev -> broker.publish(ev, generation), timer,
                vacantSinceNanos);
        if (st == null) {
            running.put(shard, pools.start(shard, s.config(), publish, resume));
            return;
        }
        VenueProcessor p = st.pool().processor();
        p.execute(() -> {
            p.resumeTradesNow(resume);
            for (Unreceived u : st.gate().takeOver(resume, p.bookSnapshots(), publish)) {
                p.refill(u.topic(), u.afterId(), u.afterTime(), u.trades());
            }
        });
        promoted.put(shard, st.gate());
        running.put(shard, st.pool());
        LOG.info("shard {}: taken over from standby (generation {})", shard, generation);
    }

    @Override
    public void lost(String shard) {
        FeedPool p = running.remove(shard);
        promoted.remove(shard);
        if (p != null) {
            pools.stop(p);
        }
    }

    /** What {@code GET /api/v1/feeds} and {@code GET /ready} say about this node's shards. */
    public ShardReport report() {
        return report;
    }
}
