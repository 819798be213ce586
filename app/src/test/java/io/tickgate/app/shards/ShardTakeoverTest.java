package io.tickgate.app.shards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickgate.app.config.ConfigLoader;
import io.tickgate.app.config.TickgateConfig;
import io.tickgate.app.runtime.Assembly;
import io.tickgate.bus.Brokers;
import io.tickgate.bus.api.Broker;
import io.tickgate.bus.api.BrokerSettings;
import io.tickgate.bus.testing.RedisExtension;
import io.tickgate.gateway.Gateway;
import io.tickgate.model.topic.TopicPattern;
import io.tickgate.simulator.venue.VenueSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two feed nodes (two Assemblies in this JVM) on a test-owned Redis with the venue simulator, one venue in 4 shards:
 * the shards spread 2 + 2; the owner of two is killed (stops without handing its leases over); the other node
 * takes them over with higher generations once the leases expire and continues their trade topics from the last
 * trade Redis keeps, backfilling the hole from the simulator's REST history: a subscriber sees every venue trade id
 * once, in order, no gap notice; {@code /api/v1/feeds} shows every shard on the survivor with its generation and
 * the trades it backfilled.
 */
class ShardTakeoverTest {

    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.standalone();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @Timeout(120)
    void aKilledOwnersShardsMoveAndTheirTradeIdsStayCompleteAndUnique() throws Exception {
        Assembly simNode = new Assembly(config());
        Assembly a = new Assembly(config());
        Assembly b = new Assembly(config());
        Broker client = Brokers.open(REDIS.url(), BrokerSettings.defaults(), new SimpleMeterRegistry());
        TradeTape ids = new TradeTape();
        try {
            VenueSimulator sim = simNode.startVenueSimulator(true);
            client.subscribe(TopicPattern.parse("binance.*.trade"), ids);
            a.startFeeds(sim);
            b.startFeeds(sim);
            Gateway gateway = b.startGateway();
            await().atMost(Duration.ofSeconds(20)).until(() -> a.shardOwnership().owned().size() == 2
                    && b.shardOwnership().owned().size() == 2);
            await().atMost(Duration.ofSeconds(30)).until(() -> ids.topics() == 4 && ids.minCount() > 50);

            Map<String, Long> killed = a.shardOwnership().owned();
            a.shardOwnership().abandon(); // as if the process died: no handover, the leases run out
            a.components().close();
            long before = ids.total();
            await().atMost(Duration.ofSeconds(20)).until(() -> b.shardOwnership().owned().size() == 4);
            for (Map.Entry<String, Long> e : killed.entrySet()) {
                assertThat(b.shardOwnership().owned().get(e.getKey())).as(e.getKey()).isGreaterThan(e.getValue());
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> ids.total() > before + 400);
            Thread.sleep(1_000);

            JsonNode feeds = JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + gateway.port() + "/api/v1/feeds")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertThat(feeds.path("shards")).hasSize(4).allSatisfy(sh -> {
                assertThat(sh.path("owner").asText()).isEqualTo(b.shardOwnership().node());
                assertThat(sh.path("local").asBoolean()).isTrue();
                assertThat(sh.path("generation").asLong()).isPositive();
                assertThat(sh.has("backfilled")).isTrue();
                assertThat(sh.path("unrecoverable").asLong()).isZero();
            });
            long backfilled = 0;
            for (JsonNode sh : feeds.path("shards")) {
                if (killed.containsKey(sh.path("shard").asText())) {
                    assertThat(sh.path("generation").asLong()).isEqualTo(killed.get(sh.path("shard").asText()) + 1);
                    backfilled += sh.path("backfilled").asLong();
                }
            }
            assertThat(backfilled).as("trades the killed owner never published, fetched by REST").isPositive();
            assertThat(ids.problems()).isEmpty();
            assertThat(ids.gaps()).isEmpty();
            assertThat(client.fencing().count()).isZero();
        } finally {
            client.close();
            b.components().close();
            a.components().close();
            simNode.components().close();
        }
    }

    private static TickgateConfig config() {
        return new ConfigLoader().load(null, Map.of(), List.of("gateway.host=127.0.0.1", "gateway.port=0",
                "broker.url=" + REDIS.url(), "store.enabled=false", "feeds.leaseTtlMillis=900",
                "simulator.symbolsPerSource=4", "simulator.eventsPerSecond=800",
                "binance.channels=trade", "binance.minConnections=1", "binance.shards=4", "okx.enabled=false"));
    }
}
