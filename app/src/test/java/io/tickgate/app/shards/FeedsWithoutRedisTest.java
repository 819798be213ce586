package io.tickgate.app.shards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickgate.app.config.ConfigLoader;
import io.tickgate.app.config.TickgateConfig;
import io.tickgate.app.runtime.Assembly;
import io.tickgate.bus.testing.RedisExtension;
import io.tickgate.bus.testing.RedisServer;
import io.tickgate.gateway.Gateway;
import io.tickgate.simulator.venue.VenueSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /api/v1/feeds} on a feed node whose Redis hangs (SIGSTOP: sockets open, no answer): it answers 200 with
 * what the node knows locally — its own shards, owner and generation as held — and {@code leases.stale: true} with
 * the reason, instead of a 500 once the lease read times out; once Redis runs again the lease state is fresh. The same
 * with Redis gone (killed, later started again empty).
 */
class FeedsWithoutRedisTest {

    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.standalone();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEYS = "hang" + System.nanoTime();

    @Test
    @Timeout(90)
    void feedsAnswersWithTheLocalViewMarkedStaleWhileRedisHangs() throws Exception {
        RedisServer redis = (RedisServer) REDIS.redis();
        Assembly simNode = new Assembly(config());
        Assembly a = new Assembly(config());
        boolean paused = false;
        try {
            VenueSimulator sim = simNode.startVenueSimulator(true);
            a.startFeeds(sim);
            Gateway gateway = a.startGateway();
            await().atMost(Duration.ofSeconds(20)).until(() -> a.shardOwnership().owned().size() == 2);
            Map<String, Long> owned = a.shardOwnership().owned();

            HttpResponse<String> fresh = feeds(gateway);
            assertThat(fresh.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(fresh.body()).path("leases").path("stale").asBoolean(true)).isFalse();

            redis.pause();
            paused = true;
            long start = System.nanoTime();
            HttpResponse<String> res = feeds(gateway);
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
            JsonNode body = JSON.readTree(res.body());
            assertThat(body.path("leases").path("stale").asBoolean()).isTrue();
            assertThat(body.path("leases").path("error").asText()).contains("did not answer");
            assertThat(body.path("leases").path("readAtMillis").asLong()).isPositive();
            assertThat(body.path("shards")).hasSize(2).allSatisfy(sh -> {
                String shard = sh.path("shard").asText();
                // the node's own shards as it holds them (it steps down only when a renewal fails, after 5 s)
                assertThat(sh.path("owner").asText()).as(shard).isEqualTo(a.shardOwnership().node());
                assertThat(sh.path("generation").asLong()).as(shard).isEqualTo(owned.get(shard));
                assertThat(sh.path("local").asBoolean()).as(shard).isTrue();
            });
            assertThat(body.has("connections")).isTrue();
            System.out.printf("feeds answered in %d ms with Redis paused: %s%n", tookMillis, body.path("leases"));

            redis.resume();
            paused = false;
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                HttpResponse<String> r = feeds(gateway);
                return r.statusCode() == 200 && !JSON.readTree(r.body()).path("leases").path("stale").asBoolean(true);
            });
        } finally {
            if (paused) {
                redis.resume();
            }
            a.components().close();
            simNode.components().close();
        }
    }

    @Test
    @Timeout(90)
    void feedsAnswersWithTheLocalViewMarkedStaleWhileRedisIsGone() throws Exception {
        RedisServer redis = (RedisServer) REDIS.redis();
        Assembly simNode = new Assembly(config());
        Assembly a = new Assembly(config());
        try {
            VenueSimulator sim = simNode.startVenueSimulator(true);
            a.startFeeds(sim);
            Gateway gateway = a.startGateway();
            await().atMost(Duration.ofSeconds(20)).until(() -> a.shardOwnership().owned().size() == 2);

            redis.stop();
            HttpResponse<String> res = feeds(gateway);
            assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
            JsonNode body = JSON.readTree(res.body());
            assertThat(body.path("leases").path("stale").asBoolean()).isTrue();
            assertThat(body.path("leases").path("error").asText()).isNotBlank();
            assertThat(body.path("shards")).hasSize(2);
            System.out.println("feeds with Redis gone: " + body.path("leases"));

            redis.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                HttpResponse<String> r = feeds(gateway);
                return r.statusCode() == 200 && !JSON.readTree(r.body()).path("leases").path("stale").asBoolean(true);
            });
        } finally {
            redis.start();
            a.components().close();
            simNode.components().close();
        }
    }

    private static HttpResponse<String> feeds(Gateway gateway) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + gateway.port() + "/api/v1/feeds")).timeout(Duration.ofSeconds(15)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static TickgateConfig config() {
        return new ConfigLoader().load(null, Map.of(), List.of("gateway.host=127.0.0.1", "gateway.port=0",
                "broker.url=" + REDIS.url(), "broker.keyPrefix=" + KEYS, "store.enabled=false",
                "feeds.leaseTtlMillis=3000", "simulator.symbolsPerSource=4", "simulator.eventsPerSecond=200",
                "binance.channels=trade", "binance.minConnections=1", "binance.shards=2", "okx.enabled=false"));
    }
}
