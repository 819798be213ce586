package io.tickgate.feed;

import io.tickgate.feed.pool.ConnectionView;

import io.tickgate.feed.pool.FeedPool;

import io.tickgate.feed.pool.PoolConfig;
import io.tickgate.feed.record.VenueRecorder;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.tickgate.feed.backfill.BackfillStatus;
import io.tickgate.feed.metrics.FeedMetrics;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.topic.Topic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Every venue's pool in one process: the shared socket event loops, the pools, their metrics. What the launcher
 * starts; {@link #feedsJson()} is the body of {@code GET /api/v1/feeds}, {@link #ready()} backs {@code GET /ready}.
 */
public final class FeedPools implements AutoCloseable {

    private final EventLoopGroup group;
    private final List<FeedPool> pools = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService metricsRefresh;
    private final boolean sharded;
    /** Sharded: the registry of each shard pool's meters (null: none), and those meters by pool. */
    private final MeterRegistry shardRegistry;
    private final Map<FeedPool, FeedMetrics> shardMetrics = new ConcurrentHashMap<>();
    private volatile Supplier<CompletionStage<Map<String, Object>>> shards;

    private FeedPools(int ioThreads, MeterRegistry registry) {
        group = new MultiThreadIoEventLoopGroup(ioThreads, new DefaultThreadFactory("tickgate-feed-io", true),
                NioIoHandler.newFactory());
        sharded = true;
        shardRegistry = registry;
        metricsRefresh = registry == null ? null
                : refresher(() -> shardMetrics.values().forEach(FeedMetrics::refresh));
    }

    /**
     * No pool yet: pools start and stop with the shards this node owns ({@link #start(String, PoolConfig, Consumer,
     * Map)}, {@link #stop}). Having none is fine (other nodes own every shard). No feed metrics.
     */
    public static FeedPools sharded(int ioThreads) {
        return sharded(ioThreads, null);
    }

    /**
     * As {@link #sharded(int)}, and each shard pool's feed metrics ({@code tickgate_feed_*}) are on {@code registry},
     * tagged {@code shard=<name>} as well as {@code venue}, from its start to its stop.
     */
    public static FeedPools sharded(int ioThreads, MeterRegistry registry) {
        return new FeedPools(ioThreads, registry);
    }

    /**
     * Starts one more pool (a shard this node now owns or stands by for, named {@code shard}), its trade topics
     * continuing from {@code resumeTrades}.
     */
    public FeedPool start(String shard, PoolConfig config, Consumer<MarketEvent> publish,
                          Map<Topic, MarketEvent> resumeTrades) {
        FeedPool p = FeedPool.start(config, group, publish, null, resumeTrades);
        pools.add(p);
        if (shardRegistry != null) {
            shardMetrics.put(p, new FeedMetrics(List.of(p), shardRegistry, Tags.of("shard", shard)));
        }
        return p;
    }

    /** Stops a pool started by {@link #start(String, PoolConfig, Consumer, Map)} (its shard moved elsewhere). */
    public void stop(FeedPool pool) {
        pools.remove(pool);
        FeedMetrics m = shardMetrics.remove(pool);
        if (m != null) {
            m.close();
        }
        pool.close();
    }

    /**
     * The sharded collectors' part of {@code GET /api/v1/feeds} ({@code shards}, {@code leases}): its fields are added
     * to the body once the stage completes. It must complete, and never exceptionally (an unanswering broker gives a
     * local view marked stale, not a failure).
     */
    public void shards(Supplier<CompletionStage<Map<String, Object>>> view) {
        this.shards = view;
    }

    /**
     * Starts one pool per configuration.
     *
     * @param configs    one per venue
     * @param ioThreads  event loop threads for all sockets (2 is plenty for hundreds of symbols)
     * @param publish    where processed events go (the broker's publish)
     * @param registry   metrics registry, or null for none
     */
    public FeedPools(List<PoolConfig> configs, int ioThreads, Consumer<MarketEvent> publish,
                     MeterRegistry registry) {
        this(configs, ioThreads, publish, registry, null);
    }

    /**
     * Starts one pool per configuration, recording the traffic of the venues {@code recorders} gives a recorder for.
     *
     * @param recorders a venue's pool settings → its recorder (null: that venue is not recorded); null: none
     */
    public FeedPools(List<PoolConfig> configs, int ioThreads, Consumer<MarketEvent> publish,
                     MeterRegistry registry, Function<PoolConfig, VenueRecorder> recorders) {
        group = new MultiThreadIoEventLoopGroup(ioThreads, new DefaultThreadFactory("tickgate-feed-io", true),
                NioIoHandler.newFactory());
        sharded = false;
        shardRegistry = null;
        try {
            for (PoolConfig c : configs) {
                pools.add(FeedPool.start(c, group, publish, recorders == null ? null : recorders.apply(c)));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        if (registry != null) {
            FeedMetrics metrics = new FeedMetrics(pools, registry);
            metricsRefresh = refresher(metrics::refresh);
        } else {
            metricsRefresh = null;
        }
    }

    /** A daemon thread running {@code refresh} every 5 s (the per-connection gauges follow autoscaling). */
    private static ScheduledExecutorService refresher(Runnable refresh) {
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tickgate-feed-metrics");
            t.setDaemon(true);
            return t;
        });
        s.scheduleWithFixedDelay(refresh, 5, 5, TimeUnit.SECONDS);
        return s;
    }

    public List<FeedPool> pools() {
        return List.copyOf(pools);
    }

    /** Readiness: null when every pool is fine, else their problems ({@link FeedPool#problem}), joined. */
    public String problem() {
        if (pools.isEmpty()) {
            return sharded ? null : "no feed pool";
        }
        List<String> out = new ArrayList<>();
        for (FeedPool p : pools) {
            String problem = p.problem();
            if (problem != null) {
                out.add(problem);
            }
        }
        return out.isEmpty() ? null : String.join("; ", out);
    }

    /** True when every pool is ready (all its connections up and verified). */
    public boolean ready() {
        if (pools.isEmpty()) {
            return sharded;
        }
        for (FeedPool p : pools) {
            if (!p.ready()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Waits (at most {@code maxMillis}) until every pool is ready and every symbol has delivered data, so that a
     * gateway started afterwards knows every topic.
     *
     * @return true if warm, false if the time ran out
     */
    public boolean awaitWarm(long maxMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + maxMillis;
        while (System.currentTimeMillis() < deadline) {
            boolean warm = ready();
            for (FeedPool p : pools) {
                warm &= p.processor().deliveringSymbols() >= p.config().symbols().size() - p.rejectedSubscriptions();
            }
            if (warm) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** Re-publishes every synced book as a full snapshot (for a subscriber that joined late). */
    public void republishBooks() {
        for (FeedPool p : pools) {
            p.processor().republishBooks();
        }
    }

    /** Every connection of every pool. */
    public List<ConnectionView> views() {
        List<ConnectionView> out = new ArrayList<>();
        for (FeedPool p : pools) {
            out.addAll(p.views());
        }
        return out;
    }

    /**
     * The body of {@code GET /api/v1/feeds}: {@code {"ready":..,"connections":[...],"backfill":[...]}}, the last
     * per venue ({@link BackfillStatus}: trades backfilled, unrecoverable, gap notices); when sharded, also the fields
     * of {@link #shards(Supplier)}. Waits for the sharded part (bounded by its own timeout): use
     * {@link #feedsJsonAsync()} on an event loop.
     */
    public Map<String, Object> feedsJson() {
        return feedsJsonAsync().join();
    }

    /** {@link #feedsJson()} without waiting: completes when the sharded part does (at once when not sharded). */
    public CompletableFuture<Map<String, Object>> feedsJsonAsync() {
        List<BackfillStatus> backfill = new ArrayList<>();
        for (FeedPool p : pools) {
            backfill.add(BackfillStatus.of(p.venue().source(), p.tradeBackfill(), p.processor().backfillCounters(),
                    p.processor().backfillsRunning()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ready", ready());
        body.put("connections", views());
        body.put("backfill", backfill);
        Supplier<CompletionStage<Map<String, Object>>> s = shards;
        if (s == null) {
            return CompletableFuture.completedFuture(body);
        }
        return s.get().toCompletableFuture().thenApply(sharded -> {
            body.putAll(sharded);
            return body;
        });
    }

    @Override
    public void close() {
        if (metricsRefresh != null) {
            metricsRefresh.shutdownNow();
        }
        for (FeedPool p : pools) {
            p.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}
