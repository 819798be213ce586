package io.tickgate.bench.takeover;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tickgate.bench.redis.RedisServerProcess;
import io.tickgate.bus.Brokers;
import io.tickgate.bus.api.Broker;
import io.tickgate.bus.api.BrokerSettings;
import io.tickgate.feed.pool.PoolConfig;
import io.tickgate.feed.shard.FeedShard;
import io.tickgate.feed.standby.StandbyConfig;
import io.tickgate.model.topic.Channel;
import io.tickgate.model.topic.Topic;
import io.tickgate.model.topic.TopicPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One takeover, measured: on a fresh redis-server, node a starts, then node b (so they split the venue's 4 shards 2 +
 * 2, and with standby each stands by for the other's); after the warm-up, a is killed. Per shard a owned: kill → the
 * first trade past the ids a had published reaching a subscriber; b's own timer (lease end as b read it → b's first
 * publish); the trades b backfilled by REST and those its standby buffers supplied.
 *
 * @param killToFirstMillis per killed shard, kill → first event of the new owner at a subscriber
 * @param vacantToFirstMillis b's {@code tickgate.shards.takeover.time} of the takeovers after the kill (their mean)
 * @param backfilled trades b fetched by REST for the killed shards
 * @param supplied trades b's standby buffers published at the takeover
 */
record TakeoverRound(List<Double> killToFirstMillis, double vacantToFirstMillis, long backfilled, long supplied) {

    static TakeoverRound run(PoolConfig venue, boolean standby, long leaseTtlMillis, long warmMillis)
            throws Exception {
        List<FeedShard> shards = FeedShard.split(venue, 4,
                standby ? new StandbyConfig(true, 100_000, 20_000) : StandbyConfig.NONE);
        try (RedisServerProcess redis = RedisServerProcess.start("");
             Broker client = Brokers.open(redis.url(), BrokerSettings.defaults(), new SimpleMeterRegistry());
             CollectorNode a = new CollectorNode("a", redis.url(), shards, leaseTtlMillis)) {
            FirstEvents first = new FirstEvents();
            client.subscribe(TopicPattern.parse(venue.venue().source() + ".*.trade"), first);
            await(() -> a.ownership.owned().size() == 4, "a owns every shard");
            try (CollectorNode b = new CollectorNode("b", redis.url(), shards, leaseTtlMillis)) {
                await(() -> a.ownership.owned().size() == 2 && b.ownership.owned().size() == 2, "a 2 + b 2 shards");
                if (standby) {
                    await(() -> b.counts("standbyBuffered").values().stream().filter(n -> n > 0).count() == 2,
                            "b standing by for a's shards");
                }
                Thread.sleep(warmMillis);
                Timer timer = b.registry.get("tickgate.shards.takeover.time")
                        .tag("standby", Boolean.toString(standby)).timer();
                long count0 = timer.count();
                double total0 = timer.totalTime(TimeUnit.MILLISECONDS);
                Map<String, Long> killed = a.ownership.owned();
                long t0 = System.nanoTime();
                a.kill();
                Thread.sleep(Math.min(300, leaseTtlMillis / 3)); // a's last events delivered; b cannot publish yet
                first.mark();
                List<Double> times = new ArrayList<>();
                for (FeedShard s : shards) {
                    if (killed.containsKey(s.name())) {
                        times.add((firstTrade(s, first) - t0) / 1e6);
                    }
                }
                Thread.sleep(2_000); // backfills finish
                double vacant = (timer.totalTime(TimeUnit.MILLISECONDS) - total0) / Math.max(1, timer.count() - count0);
                return new TakeoverRound(times, vacant,
                        sum(b.counts("backfilled"), killed), sum(b.counts("suppliedByStandby"), killed));
            }
        }
    }

    /** When the first trade of the shard's new owner reached the subscriber (any of its trade topics). */
    private static long firstTrade(FeedShard s, FirstEvents first) throws Exception {
        List<Topic> trades = s.topics().stream().filter(t -> t.channel() == Channel.TRADE).toList();
        await(() -> trades.stream().anyMatch(t -> first.firstAfterMark(t) != null),
                "the new owner's first trade on " + s.name());
        return trades.stream().map(first::firstAfterMark).filter(x -> x != null).mapToLong(Long::longValue).min()
                .orElseThrow();
    }

    private static long sum(Map<String, Long> counts, Map<String, Long> shards) {
        return counts.entrySet().stream().filter(e -> shards.containsKey(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** Waits up to 30 s. */
    private static void await(Check check, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for: " + what);
            }
            Thread.sleep(20);
        }
    }

    private interface Check {
        boolean ok() throws Exception;
    }
}
