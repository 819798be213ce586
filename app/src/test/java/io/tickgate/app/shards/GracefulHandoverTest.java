package io.tickgate.app.shards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tickgate.app.config.ConfigLoader;
import io.tickgate.app.config.TickgateConfig;
import io.tickgate.app.runtime.Assembly;
import io.tickgate.bus.Brokers;
import io.tickgate.bus.api.Broker;
import io.tickgate.bus.api.BrokerSettings;
import io.tickgate.bus.testing.RedisExtension;
import io.tickgate.feed.FeedPools;
import io.tickgate.model.topic.TopicPattern;
import io.tickgate.simulator.venue.VenueSimulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Handovers on a test-owned Redis with the simulator, one venue in 4 shards: a node runs all 4, a second joins and
 * gets 2 (the first hands them over while it runs on); then a graceful stop (the node's components closed, as on
 * SIGTERM) of the first: it hands its leases over first (stops each shard's pool, then releases the lease), the
 * other node takes them with the next generation well before a lease TTL; across both, a subscriber sees every
 * venue trade id once and in order, no gap notice. The takeover time is printed (stop → the survivor owns every
 * shard, and the survivor's {@code tickgate.shards.takeover.time}), not asserted.
 */
class GracefulHandoverTest {

    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.standalone();
    private static final String KEYS = "handover" + System.nanoTime();
    private static final long TTL_MILLIS = 3_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @Timeout(90)
    void aGracefullyStoppedOwnerHandsItsShardsOverWithoutLosingATrade() throws Exception {
        Assembly simNode = new Assembly(config());
        Assembly a = new Assembly(config());
        Assembly b = new Assembly(config());
        Broker client = Brokers.open(REDIS.url(), BrokerSettings.builder().keyPrefix(KEYS).build(),
                new SimpleMeterRegistry());
        TradeTape ids = new TradeTape();
        try {
            VenueSimulator sim = simNode.startVenueSimulator(true);
            client.subscribe(TopicPattern.parse("binance.*.trade"), ids);
            FeedPools aFeeds = a.startFeeds(sim);
            await().atMost(Duration.ofSeconds(20)).until(() -> a.shardOwnership().owned().size() == 4);
            Diagnosis why = () -> "trades per topic: " + ids + "; a: " + aFeeds.feedsJson();
            awaitTrades(why, () -> ids.topics() == 4 && ids.minCount() > 50);

            long joined = ids.total();
            FeedPools bFeeds = b.startFeeds(sim); // joins: a hands 2 shards over to it (rebalance) and runs on
            why = () -> "trades per topic: " + ids + "; a: " + aFeeds.feedsJson() + "; b: " + bFeeds.feedsJson();
            await().atMost(Duration.ofSeconds(20)).until(() -> a.shardOwnership().owned().size() == 2
                    && b.shardOwnership().owned().size() == 2);
            awaitTrades(why, () -> ids.total() > joined + 400);
            assertThat(ids.problems()).as("ids after the rebalance").isEmpty();

            Map<String, Long> handed = a.shardOwnership().owned();
            double handoversBefore = a.registry().get("tickgate.shards.handovers").counter().count();
            double stepDownsBefore = b.registry().get("tickgate.shards.step.downs").counter().count();
            Timer takeover = b.registry().get("tickgate.shards.takeover.time").tag("standby", "false").timer();
            long takeoversBefore = takeover.count();
            double takeoverMillisBefore = takeover.totalTime(TimeUnit.MILLISECONDS);
            Set<String> movedSymbols = symbolsOf(aFeeds, handed.keySet());
            long before = ids.total();
            long start = System.nanoTime();
            a.components().close(); // graceful: hands the leases over before the pools and the broker close
            long closedMillis = millisSince(start);
            ids.mark(); // a's broker is closed: trades from now on are b's (but for one a published just before)
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                    .until(() -> b.shardOwnership().owned().size() == 4);
            long ownedMillis = millisSince(start);
            for (Map.Entry<String, Long> e : handed.entrySet()) {
                assertThat(b.shardOwnership().owned().get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue() + 1);
            }
            awaitTrades(why, () -> ids.total() > before + 400);
            Thread.sleep(1_000);

            long takeovers = takeover.count() - takeoversBefore;
            Map<String, Long> firstTrade = new TreeMap<>();
            ids.firstAfterMarkMillis().forEach((t, ms) -> {
                if (movedSymbols.contains(t.symbol())) {
                    firstTrade.put(t.symbol(), ms);
                }
            });
            System.out.printf("graceful handover of %d shards: close took %d ms, survivor owned all after %d ms; "
                            + "stop returned -> first trade of each moved topic at the subscriber %s ms; "
                            + "takeover time (lease seen free -> first event) mean %.0f ms over %d takeovers "
                            + "(TTL %d ms)%n", handed.size(), closedMillis, ownedMillis, firstTrade,
                    (takeover.totalTime(TimeUnit.MILLISECONDS) - takeoverMillisBefore) / Math.max(1, takeovers),
                    takeovers, TTL_MILLIS);
            assertThat(firstTrade.keySet()).as("moved topics delivering again").isEqualTo(movedSymbols);
            assertThat(a.registry().get("tickgate.shards.handovers").counter().count() - handoversBefore)
                    .isEqualTo(handed.size());
            assertThat(takeovers).isEqualTo(handed.size());
            assertThat(b.registry().get("tickgate.shards.step.downs").counter().count()).isEqualTo(stepDownsBefore);
            assertThat(ids.problems()).as("venue trade ids out of order, repeated or missing").isEmpty();
            assertThat(ids.gaps()).as("gap notices").isEmpty();
            assertThat(client.fencing().count()).isZero();
        } finally {
            client.close();
            b.components().close();
            a.components().close();
            simNode.components().close();
        }
    }

    /** The symbols of {@code shards} as {@code feeds}' {@code /api/v1/feeds} lists them. */
    private static Set<String> symbolsOf(FeedPools feeds, Set<String> shards) {
        Set<String> out = new TreeSet<>();
        for (JsonNode sh : JSON.valueToTree(feeds.feedsJson()).path("shards")) {
            if (shards.contains(sh.path("shard").asText())) {
                sh.path("symbols").forEach(sym -> out.add(sym.asText()));
            }
        }
        return out;
    }

    /** What the test saw, for a failure message. */
    private interface Diagnosis {
        String describe();
    }

    /** Waits up to 30 s for {@code condition}; on timeout fails with {@code why}. */
    private static void awaitTrades(Diagnosis why, Callable<Boolean> condition) {
        try {
            await().atMost(Duration.ofSeconds(30)).until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(why.describe(), e);
        }
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private static TickgateConfig config() {
        return new ConfigLoader().load(null, Map.of(), List.of("gateway.host=127.0.0.1", "gateway.port=0",
                "broker.url=" + REDIS.url(), "broker.keyPrefix=" + KEYS, "store.enabled=false",
                "feeds.leaseTtlMillis=" + TTL_MILLIS, "simulator.symbolsPerSource=4", "simulator.eventsPerSecond=800",
                "binance.channels=trade", "binance.minConnections=1", "binance.shards=4", "okx.enabled=false"));
    }
}
