package io.tickgate.feed.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.tickgate.feed.connection.ConnectionState;
import io.tickgate.feed.pool.ConnectionView;
import io.tickgate.feed.pool.EndpointConfig;
import io.tickgate.feed.pool.FeedPool;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Prometheus metrics of the feed pools ({@code tickgate_feed_*}), on the shared registry. Venue-level meters read
 * the pools directly; connection gauges carry the venue endpoint ({@code endpoint} tag: OKX {@code public} /
 * {@code business}); per-connection gauges (health, last message age) follow the pool's connections and are
 * refreshed by {@link #refresh()}.
 */
public final class FeedMetrics {

    private final List<FeedPool> pools;
    private final Tags extra;
    private final MeterRegistry registry;
    private final List<Meter> meters = new ArrayList<>();
    private final MultiGauge health;
    private final MultiGauge messageAge;

    public FeedMetrics(List<FeedPool> pools, MeterRegistry registry) {
        this(pools, registry, Tags.empty());
    }

    /**
     * The meters of {@code pools}, each also tagged {@code extra} (a shard's pool: {@code shard=<name>}, so the
     * pools of one venue on one node stay apart); {@link #close()} removes them.
     */
    public FeedMetrics(List<FeedPool> pools, MeterRegistry registry, Tags extra) {
        this.pools = List.copyOf(pools);
        this.extra = extra;
        this.registry = registry;
        for (FeedPool p : this.pools) {
            Tags venue = Tags.of("venue", p.venue().source()).and(extra);
            for (EndpointConfig e : p.endpoints()) {
                for (ConnectionState s : ConnectionState.values()) {
                    meters.add(Gauge.builder("tickgate.feed.connections", p, x -> x.connections(e.name(), s))
                            .description("upstream connections by endpoint and state")
                            .tags(venue.and("endpoint", e.name(), "state", s.label())).register(registry));
                }
            }
            meters.add(Gauge.builder("tickgate.feed.queue.depth", p, x -> x.processor().queueDepth())
                    .description("data items waiting for the venue's processing thread").tags(venue)
                    .register(registry));
            counter(registry, "tickgate.feed.queue.dropped", "data items dropped because the queue was full", p,
                    venue, x -> x.processor().dropped());
            counter(registry, "tickgate.feed.messages", "data items processed", p, venue,
                    x -> x.processor().processed());
            counter(registry, "tickgate.feed.duplicates", "items dropped as duplicates across reconnects/rotations",
                    p, venue, x -> x.processor().duplicates());
            counter(registry, "tickgate.feed.reconnects", "unplanned reconnects", p, venue, FeedPool::reconnects);
            counter(registry, "tickgate.feed.rotations", "planned make-before-break rotations", p, venue,
                    FeedPool::rotations);
            counter(registry, "tickgate.feed.rebalance.moves", "symbols moved to even out connection loads", p,
                    venue, FeedPool::rebalanceMoves);
            counter(registry, "tickgate.feed.connect.attempts", "connection attempts", p, venue,
                    FeedPool::connectAttempts);
            counter(registry, "tickgate.feed.subscriptions.rejected", "subscriptions the venue rejected", p, venue,
                    FeedPool::rejectedSubscriptions);
            meters.add(Gauge.builder("tickgate.feed.connect.hold", p, x -> x.connectHoldMillis() / 1000.0)
                    .baseUnit("seconds").description("time until connection attempts may start again after the"
                            + " venue's 429 Retry-After (0 = not held)").tags(venue).register(registry));
            meters.add(Gauge.builder("tickgate.feed.control.budget", p, FeedPool::controlBudget)
                    .description("control messages a new socket may send per control window (lowered after a 1008,"
                            + " raised back after a quiet period)")
                    .tags(venue).register(registry));
            counter(registry, "tickgate.feed.malformed.frames", "frames that could not be decoded", p, venue,
                    FeedPool::malformedFrames);
            meters.add(Gauge.builder("tickgate.feed.stale.symbols", p, FeedPool::staleSymbols)
                    .description("symbols silent far longer than their usual rate while their socket delivers others")
                    .tags(venue).register(registry));
            counter(registry, "tickgate.feed.stale.detected", "stale-symbol episodes detected", p, venue,
                    x -> x.processor().staleDetected());
            counter(registry, "tickgate.feed.stale.resubscribes", "stale symbols resubscribed on their socket", p,
                    venue, x -> x.processor().staleResubscribes());
            counter(registry, "tickgate.feed.stale.recycles", "sockets recycled (make-before-break) for symbols that"
                    + " stayed stale after resubscribing", p, venue, x -> x.processor().staleRecycles());
            counter(registry, "tickgate.feed.book.resyncs", "order-book resyncs", p, venue,
                    x -> x.processor().bookCounters().resyncs());
            counter(registry, "tickgate.feed.book.gaps", "order-book sequence gaps", p, venue,
                    x -> x.processor().bookCounters().gaps());
            meters.addAll(BackfillMetrics.register(registry, p.processor(), venue));
            if (p.restSnapshots()) {
                counter(registry, "tickgate.feed.snapshot.rate.limited", "REST snapshot requests refused for the"
                        + " venue's rate limits", p, venue.and("status", "429"), FeedPool::snapshotsRateLimited);
                counter(registry, "tickgate.feed.snapshot.rate.limited", "REST snapshot requests refused for the"
                        + " venue's rate limits", p, venue.and("status", "418"), FeedPool::snapshotsBanned);
                meters.add(Gauge.builder("tickgate.feed.snapshot.hold", p, x -> x.snapshotHoldMillis() / 1000.0)
                        .baseUnit("seconds").description("time until REST snapshot requests may start again after"
                                + " a 429/418 (0 = not held)").tags(venue).register(registry));
                meters.add(Gauge.builder("tickgate.feed.snapshot.rate", p, FeedPool::snapshotsPerSecond)
                        .description("REST snapshot requests per second in force (lowered after a 429/418)")
                        .tags(venue).register(registry));
            }
        }
        health = MultiGauge.builder("tickgate.feed.connection.health")
                .description("health score per connection: 1 fresh, 0 dead").register(registry);
        messageAge = MultiGauge.builder("tickgate.feed.last.message.age").baseUnit("seconds")
                .description("time since the connection's last message").register(registry);
        refresh();
    }

    private void counter(MeterRegistry registry, String name, String description, FeedPool pool, Tags tags,
                         ToDoubleFunction<FeedPool> f) {
        meters.add(FunctionCounter.builder(name, pool, f).description(description).tags(tags).register(registry));
    }

    /** Removes every meter of these pools from the registry (their shard moved to another node). */
    public void close() {
        health.register(List.of(), true);
        messageAge.register(List.of(), true);
        meters.forEach(registry::remove);
        meters.clear();
    }

    /** Re-reads the per-connection gauges (connections come and go with autoscaling). */
    public void refresh() {
        List<MultiGauge.Row<?>> h = new ArrayList<>();
        List<MultiGauge.Row<?>> a = new ArrayList<>();
        for (FeedPool p : pools) {
            for (ConnectionView v : p.views()) {
                Tags t = Tags.of("venue", v.venue(), "endpoint", v.endpoint(), "connection", v.name()).and(extra);
                h.add(MultiGauge.Row.of(t, v.health()));
                a.add(MultiGauge.Row.of(t, v.lastMessageAgeMillis() < 0 ? Double.NaN
                        : v.lastMessageAgeMillis() / 1000.0));
            }
        }
        health.register(h, true);
        messageAge.register(a, true);
    }
}
