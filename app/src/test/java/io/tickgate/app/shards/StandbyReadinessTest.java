package io.tickgate.app.shards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickgate.app.config.ConfigLoader;
import io.tickgate.app.config.TickgateConfig;
import io.tickgate.app.runtime.Assembly;
import io.tickgate.bus.testing.RedisExtension;
import io.tickgate.gateway.Gateway;
import io.tickgate.simulator.venue.VenueSimulator;
import io.tickgate.simulator.venue.fault.DropMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /ready} of a feed node with hot standby (two nodes on a test-owned Redis, 4 Binance shards: each owns 2
 * and stands by for 2): while the venue refuses connections and every upstream socket is cut, the node is not ready
 * and lists both roles with their shards — check {@code feeds} (failing) names the shards it owns, the advisory check
 * {@code standby} (degraded, never failing on its own) the shards it stands by for — and {@code /api/v1/feeds} gives each of those shards' {@code problem}; once the venue
 * accepts connections again, both checks pass.
 */
class StandbyReadinessTest {

    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.standalone();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEYS = "standbyready" + System.nanoTime();

    @Test
    @Timeout(90)
    void aStandbyWhoseUpstreamIsDownIsListedInReadyWithItsShards() throws Exception {
        Assembly simNode = new Assembly(config());
        Assembly a = new Assembly(config());
        Assembly b = new Assembly(config());
        try {
            VenueSimulator sim = simNode.startVenueSimulator(true);
            a.startFeeds(sim);
            b.startFeeds(sim);
            Gateway gateway = b.startGateway();
            await().atMost(Duration.ofSeconds(30)).until(() -> a.shardOwnership().owned().size() == 2
                    && b.shardOwnership().owned().size() == 2 && standingBy(get(gateway, "/api/v1/feeds")) == 2
                    && get(gateway, "/ready").statusCode() == 200);
            assertThat(JSON.readTree(get(gateway, "/ready").body()).path("checks").toString())
                    .contains("\"feeds\"", "\"standby\"");

            sim.faults().refuseConnections(20_000);
            sim.faults().drop(1_000, DropMode.RST);
            Map<String, String> failing = new HashMap<>();
            Map<String, String> degraded = new HashMap<>();
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                HttpResponse<String> r = get(gateway, "/ready");
                failing.clear();
                degraded.clear();
                JsonNode body = JSON.readTree(r.body());
                body.path("failing").forEach(f -> failing.put(f.path("check").asText(), f.path("reason").asText()));
                body.path("degraded").forEach(f -> degraded.put(f.path("check").asText(), f.path("reason").asText()));
                // the standby check is advisory: reported as degraded, never among the failing ones
                return r.statusCode() == 503 && degraded.containsKey("standby") && failing.containsKey("feeds")
                        && !failing.containsKey("standby");
            });
            Set<String> owned = b.shardOwnership().owned().keySet();
            JsonNode feeds = JSON.readTree(get(gateway, "/api/v1/feeds").body());
            int standing = 0;
            for (JsonNode sh : feeds.path("shards")) {
                String shard = sh.path("shard").asText();
                if (owned.contains(shard)) {
                    assertThat(failing.get("feeds")).contains("shard " + shard + ": ");
                    assertThat(degraded.get("standby")).doesNotContain(shard + ":");
                } else {
                    standing++;
                    assertThat(sh.path("standingBy").asBoolean()).as(shard).isTrue();
                    assertThat(degraded.get("standby")).contains("standby for shard " + shard + ": binance connection");
                    assertThat(failing.get("feeds")).doesNotContain(shard + ":");
                }
                assertThat(sh.path("problem").asText()).as(shard).contains("binance connection");
            }
            assertThat(standing).isEqualTo(2);
            System.out.println("ready while the venue refuses: failing " + failing + ", degraded " + degraded);

            await().atMost(Duration.ofSeconds(45)).until(() -> get(gateway, "/ready").statusCode() == 200);
        } finally {
            b.components().close();
            a.components().close();
            simNode.components().close();
        }
    }

    private static int standingBy(HttpResponse<String> feeds) throws Exception {
        int n = 0;
        for (JsonNode sh : JSON.readTree(feeds.body()).path("shards")) {
            n += sh.path("standingBy").asBoolean() && sh.path("standbyBuffered").asLong() > 0 ? 1 : 0;
        }
        return n;
    }

    private static HttpResponse<String> get(Gateway gateway, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + gateway.port() + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static TickgateConfig config() {
        return new ConfigLoader().load(null, Map.of(), List.of("gateway.host=127.0.0.1", "gateway.port=0",
                "broker.url=" + REDIS.url(), "broker.keyPrefix=" + KEYS, "store.enabled=false",
                "feeds.leaseTtlMillis=3000", "simulator.symbolsPerSource=4", "simulator.eventsPerSecond=400",
                "binance.channels=trade", "binance.minConnections=1", "binance.backoffCapMillis=2000",
                "binance.shards=4", "binance.standby=true", "okx.enabled=false"));
    }
}
