package io.tickgate.app.shards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tickgate.app.config.ConfigLoader;
import io.tickgate.app.config.TickgateConfig;
import io.tickgate.app.runtime.Assembly;
import io.tickgate.bus.Brokers;
import io.tickgate.bus.api.Broker;
import io.tickgate.bus.api.BrokerSettings;
import io.tickgate.bus.testing.RedisExtension;
import io.tickgate.bus.testing.RedisServer;
import io.tickgate.feed.FeedPools;
import io.tickgate.model.topic.TopicPattern;
import io.tickgate.simulator.venue.VenueSimulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Redis hangs (SIGSTOP: sockets open, no answer) while a feed node publishes trades, for longer than the command
 * timeout ({@code broker.commandTimeoutMillis}, 2 s) and the lease TTL (3 s): the node's publish calls time out (Redis
 * runs them after all once it resumes), its lease renewals fail and it steps down, then takes its shards again with
 * the next generation. A subscriber on the broker sees every venue trade id once and in order, or a gap notice
 * exactly where ids lack; never a silent jump (which a publish call counted as lost although it ran made: the seq
 * skipped past its events, the subscriber re-imaged, and a trade image holds only the last trades).
 */
class RedisHangTradesTest {

    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.standalone();
    private static final String KEYS = "redishang" + System.nanoTime();
    private static final long HANG_MILLIS = 6_000;

    @Test
    @Timeout(120)
    void aRedisHangingPastTheCommandTimeoutAndTheLeaseLosesNoTrade() throws Exception {
        RedisServer redis = (RedisServer) REDIS.redis();
        Assembly simNode = new Assembly(config());
        Assembly a = new Assembly(config());
        Broker client = Brokers.open(REDIS.url(), BrokerSettings.builder().keyPrefix(KEYS).build(),
                new SimpleMeterRegistry());
        TradeTape ids = new TradeTape();
        boolean paused = false;
        try {
            VenueSimulator sim = simNode.startVenueSimulator(true);
            client.subscribe(TopicPattern.parse("binance.*.trade"), ids);
            FeedPools feeds = a.startFeeds(sim);
            await().atMost(Duration.ofSeconds(20)).until(() -> a.shardOwnership().owned().size() == 2);
            Map<String, Long> before = a.shardOwnership().owned();
            // steady trading on every topic first; the simulator's rates are random per symbol (the slowest had ~5
            // trades/s in earlier runs), so the bound is loose and a failure says what the subscriber had
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(ids.topics() == 4
                    && ids.minCount() > 30).as("4 topics with 30+ trades each: %s", ids).isTrue());
            double stepDownsBefore = a.registry().get("tickgate.shards.step.downs").counter().count();

            redis.pause();
            paused = true;
            Thread.sleep(HANG_MILLIS);
            redis.resume();
            paused = false;

            await().atMost(Duration.ofSeconds(30)).until(() -> {
                Map<String, Long> now = a.shardOwnership().owned();
                return now.size() == 2 && before.entrySet().stream()
                        .allMatch(e -> now.getOrDefault(e.getKey(), 0L) > e.getValue());
            });
            long resumed = ids.total();
            await().atMost(Duration.ofSeconds(30)).until(() -> ids.total() > resumed + 400);
            Thread.sleep(1_000);
            System.out.printf("Redis hung %d ms: %.0f step downs, shards %s -> %s; subscriber: %s; gaps %s; "
                            + "publisher redis errors %.0f, dropped %.0f%n", HANG_MILLIS,
                    a.registry().get("tickgate.shards.step.downs").counter().count() - stepDownsBefore, before,
                    a.shardOwnership().owned(), ids, ids.gaps(),
                    a.registry().find("tickgate.broker.redis.errors").counters().stream()
                            .mapToDouble(c -> c.count()).sum(),
                    a.registry().find("tickgate.broker.dropped").counters().stream()
                            .mapToDouble(c -> c.count()).sum());
            assertThat(a.registry().get("tickgate.shards.step.downs").counter().count() - stepDownsBefore)
                    .as("the node stepped down (its renewals timed out)").isPositive();
            assertThat(ids.problems()).as("venue trade ids out of order, repeated or missing without a gap notice; "
                    + "feeds: " + feeds.feedsJson()).isEmpty();
        } finally {
            if (paused) {
                redis.resume();
            }
            client.close();
            a.components().close();
            simNode.components().close();
        }
    }

    private static TickgateConfig config() {
        return new ConfigLoader().load(null, Map.of(), List.of("gateway.host=127.0.0.1", "gateway.port=0",
                "broker.url=" + REDIS.url(), "broker.keyPrefix=" + KEYS, "store.enabled=false",
                "feeds.leaseTtlMillis=3000", "simulator.symbolsPerSource=4", "simulator.eventsPerSecond=400",
                "binance.channels=trade", "binance.minConnections=1", "binance.shards=2", "okx.enabled=false"));
    }
}
