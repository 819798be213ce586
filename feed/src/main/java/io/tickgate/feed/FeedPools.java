package io.tickgate.feed;

import io.tickgate.feed.pool.ConnectionView;

import io.tickgate.feed.pool.FeedPool;

import io.tickgate.feed.pool.PoolConfig;
import io.tickgate.feed.record.VenueRecorder;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.tickgate.feed.metrics.FeedMetrics;
import io.tickgate.model.event.MarketEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Every venue's pool in one process: the shared socket event loops, the pools, their metrics. What the launcher
 * starts; {@link #feedsJson()} is the body of {@code GET /api/v1/feeds}, {@link #ready()} backs {@code GET /ready}.
 */
public final class FeedPools implements AutoCloseable {

    private final EventLoopGroup group;
    private final List<FeedPool> pools = new ArrayList<>();
    private final ScheduledExecutorService metricsRefresh;

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
        group = new NioEventLoopGroup(ioThreads, new DefaultThreadFactory("tickgate-feed-io", true));
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
            metricsRefresh = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "tickgate-feed-metrics");
                t.setDaemon(true);
                return t;
            });
            metricsRefresh.scheduleWithFixedDelay(metrics::refresh, 5, 5, TimeUnit.SECONDS);
        } else {
            metricsRefresh = null;
        }
    }

    public List<FeedPool> pools() {
        return List.copyOf(pools);
    }

    /** Readiness: null when every pool is fine, else their problems ({@link FeedPool#problem}), joined. */
    public String problem() {
        if (pools.isEmpty()) {
            return "no feed pool";
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
            return false;
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

    /** The body of {@code GET /api/v1/feeds}: {@code {"ready":..,"connections":[...]}}. */
    public Map<String, Object> feedsJson() {
        return Map.of("ready", ready(), "connections", views());
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
