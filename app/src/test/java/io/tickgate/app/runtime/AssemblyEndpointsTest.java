package io.tickgate.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickgate.app.config.ConfigLoader;
import io.tickgate.app.config.TickgateConfig;
import io.tickgate.feed.pool.EndpointConfig;
import io.tickgate.feed.pool.PoolConfig;
import io.tickgate.gateway.Gateway;
import io.tickgate.model.venue.Venue;
import io.tickgate.simulator.venue.VenueSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code okx.endpoints.business} reaches the pool (URL derived from {@code okx.url} unless set, its own connection
 * counts), only when a channel lives there; with the built-in simulator both endpoints are on its port, and
 * {@code /api/v1/feeds} shows each connection's endpoint.
 */
class AssemblyEndpointsTest {

    private static final String CANDLES = "okx.channels=trades,books,candle1m";

    private static PoolConfig okx(Map<String, String> env, String... overrides) {
        TickgateConfig c = new ConfigLoader().load(null, env, List.of(overrides));
        return Assembly.pool(Venue.OKX, c.venue("okx"), null);
    }

    @Test
    @Timeout(30)
    void theBusinessEndpointIsDerivedFromOkxUrlOrSetAndOpenedOnlyForItsChannels() {
        assertThat(okx(Map.of()).endpoints()).extracting(EndpointConfig::name).containsExactly("public");

        PoolConfig derived = okx(Map.of(), CANDLES, "okx.url=wss://ws.okx.com:8443/ws/v5/public");
        assertThat(derived.endpoints()).extracting(EndpointConfig::name).containsExactly("public", "business");
        EndpointConfig business = derived.endpoints().get(1);
        assertThat(business.url()).isEqualTo("wss://ws.okx.com:8443/ws/v5/business");
        assertThat(business.channels()).containsExactly("candle1m");
        assertThat(business.minConnections()).isEqualTo(1);
        assertThat(business.maxConnections()).isEqualTo(2);
        assertThat(derived.endpoints().get(0).channels()).containsExactly("trades", "books");

        PoolConfig set = okx(Map.of("TICKGATE_OKX_ENDPOINTS_BUSINESS_URL", "ws://10.0.0.7:9/ws/v5/business"),
                CANDLES, "okx.endpoints.business.minConnections=2", "okx.endpoints.business.maxConnections=3");
        assertThat(set.endpoints().get(1)).extracting(EndpointConfig::url, EndpointConfig::minConnections,
                EndpointConfig::maxConnections).containsExactly("ws://10.0.0.7:9/ws/v5/business", 2, 3);

        assertThatThrownBy(() -> okx(Map.of(), "okx.endpoints.private.url=ws://x"))
                .hasMessageContaining("okx.endpoints.private.url");
        assertThatThrownBy(() -> okx(Map.of(), CANDLES, "okx.url=ws://proxy.local/okx"))
                .hasMessageContaining("okx.endpoints.business.url");
    }

    @Test
    @Timeout(60)
    void withTheSimulatorBothEndpointsAreOnItsPortAndTheFeedsShowEachConnectionsEndpoint() throws Exception {
        TickgateConfig c = new ConfigLoader().load(null, Map.of(), List.of("gateway.host=127.0.0.1",
                "gateway.port=0", "binance.enabled=false", "simulator.symbolsPerSource=4",
                "simulator.eventsPerSecond=400", CANDLES, "okx.minConnections=1",
                "okx.endpoints.business.url=wss://nowhere.invalid/ws/v5/business"));
        Assembly a = new Assembly(c);
        try {
            VenueSimulator sim = a.startVenueSimulator(true);
            PoolConfig p = Assembly.pool(Venue.OKX, c.venue("okx"), sim);
            assertThat(p.endpoints()).extracting(EndpointConfig::url).containsExactly(
                    "ws://127.0.0.1:" + sim.port(Venue.OKX) + "/ws/v5/public",
                    "ws://127.0.0.1:" + sim.port(Venue.OKX) + "/ws/v5/business");

            a.startFeeds(sim);
            Gateway g = a.startGateway();
            HttpClient http = HttpClient.newHttpClient();
            URI feeds = URI.create("http://127.0.0.1:" + g.port() + "/api/v1/feeds");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode body = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(feeds)
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body());
                assertThat(body.path("ready").asBoolean()).isTrue();
                List<String> seen = new ArrayList<>();
                for (JsonNode conn : body.path("connections")) {
                    seen.add(conn.path("endpoint").asText() + " " + conn.path("name").asText() + " "
                            + URI.create(conn.path("url").asText()).getPath());
                }
                assertThat(seen).containsExactlyInAnyOrder("public okx-0 /ws/v5/public",
                        "business okx-business-0 /ws/v5/business");
            });
        } finally {
            a.components().close();
        }
    }
}
