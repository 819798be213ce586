package io.tickgate.app.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickgate.app.config.ConfigLoader;
import io.tickgate.app.config.TickgateConfig;
import io.tickgate.gateway.Gateway;
import io.tickgate.model.topic.Channel;
import io.tickgate.model.topic.Topic;
import io.tickgate.store.api.StoreSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The {@code store} section: the demo's simulated feeds reach the embedded store through the broker, the gateway
 * serves them back on {@code /api/v1/trades}, {@code /ready} and {@code /metrics} carry the store; bad keys are
 * named.
 */
class AssemblyStoreTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @Timeout(90)
    void theDemoFeedsAreStoredAndServedBack(@TempDir Path dir) throws Exception {
        TickgateConfig c = new ConfigLoader().load(null, Map.of(), List.of("gateway.host=127.0.0.1",
                "gateway.port=0", "okx.enabled=false", "simulator.symbolsPerSource=2",
                "simulator.eventsPerSecond=400", "store.url=" + dir.resolve("h.db")));
        Assembly a = new Assembly(c);
        try {
            assertThat(a.startStore()).isNotNull();
            a.startFeeds(a.startVenueSimulator(true));
            Gateway g = a.startGateway();
            HttpClient http = HttpClient.newHttpClient();
            await().atMost(Duration.ofSeconds(30)).until(() -> a.broker().topics().stream()
                    .anyMatch(t -> t.channel().isTrade()));
            Topic trades = a.broker().topics().stream().filter(t -> t.channel().isTrade()).findFirst().orElseThrow();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode body = JSON.readTree(get(http, g, "/api/v1/trades?topic=" + trades));
                assertThat(body.path("trades").size()).isPositive();
                assertThat(body.path("trades").get(0).path("price").isTextual()).isTrue();
            });
            assertThat(get(http, g, "/metrics")).contains("tickgate_store_rows_written_total");
            // the first trade can be stored before every feed connection reports itself up (CI saw /ready 0.2 s
            // after start with the feeds still "connecting"): READY follows
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode ready = JSON.readTree(get(http, g, "/ready"));
                assertThat(ready.path("status").asText()).as("/ready: %s", ready).isEqualTo("READY");
                assertThat(ready.path("checks").toString()).contains("\"store\"");
            });
            assertThat(trades.channel()).isIn(Channel.TRADE, Channel.AGG_TRADE);
        } finally {
            a.components().close();
        }
    }

    @Test
    @Timeout(30)
    void withTheStoreOffThereIsNoHistoryRoute() throws Exception {
        Assembly a = new Assembly(new ConfigLoader().load(null, Map.of(), List.of("gateway.host=127.0.0.1",
                "gateway.port=0", "store.enabled=false")));
        try {
            assertThat(a.startStore()).isNull();
            Gateway g = a.startGateway();
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + g.port() + "/api/v1/klines?topic=binance.BTCUSDT.kline.1m"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(404);
        } finally {
            a.components().close();
        }
    }

    @Test
    void theStoreSectionIsValidatedWithTheKeyNamed() {
        StoreSettings s = new ConfigLoader().load(null, Map.of("TICKGATE_STORE_BACKEND", "postgres"),
                List.of("store.url=jdbc:postgresql://127.0.0.1:5432/x")).store().settings();
        assertThat(s.backend()).isEqualTo(StoreSettings.Backend.POSTGRES);
        assertThatThrownBy(() -> new ConfigLoader().load(null, Map.of(), List.of("store.backend=mysql")).store()
                .settings()).hasMessageContaining("store.backend");
        assertThatThrownBy(() -> new ConfigLoader().load(null, Map.of(), List.of("store.batchSize=0")).store()
                .settings()).hasMessageContaining("store.batchSize");
        assertThatThrownBy(() -> new ConfigLoader().load(null, Map.of(), List.of("store.ingest=sometimes")).store()
                .settings()).hasMessageContaining("store.ingest");
        assertThatThrownBy(() -> new ConfigLoader().load(null, Map.of(), List.of("store.books.intervalMillis=5"))
                .store().settings()).hasMessageContaining("store.books.intervalMillis");
        assertThatThrownBy(() -> new ConfigLoader().load(null, Map.of(), List.of("store.socketTimeoutMillis=20000"))
                .store().settings()).hasMessageContaining("store.socketTimeoutMillis");
        StoreSettings tuned = new ConfigLoader().load(null, Map.of(), List.of("store.ingest=off", "store.writers=2",
                "store.synchronousCommit=false", "store.books.levels=5", "store.books.intervalMillis=1000",
                "store.writeTimeoutMillis=5000", "store.socketTimeoutMillis=0")).store().settings();
        assertThat(tuned.writeTimeoutMillis()).isEqualTo(5_000);
        assertThat(tuned.socketTimeoutMillis()).isZero();
        assertThat(tuned.ingest()).isEqualTo(StoreSettings.Ingest.OFF);
        assertThat(tuned.writers()).isEqualTo(2);
        assertThat(tuned.synchronousCommit()).isFalse();
        assertThat(tuned.bookLevels()).isEqualTo(5);
        assertThat(tuned.bookIntervalMillis()).isEqualTo(1_000);
        StoreSettings defaults = new ConfigLoader().load(null, Map.of(), List.of()).store().settings();
        assertThat(defaults.ingest()).isEqualTo(StoreSettings.Ingest.AUTO);
        assertThat(defaults.bookIntervalMillis()).isZero();
        assertThat(defaults.writeTimeoutMillis()).isEqualTo(StoreSettings.DEFAULT_WRITE_TIMEOUT_MILLIS);
        assertThat(defaults.socketTimeoutMillis()).isEqualTo(StoreSettings.DEFAULT_SOCKET_TIMEOUT_MILLIS);
    }

    private static String get(HttpClient http, Gateway g, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + g.port() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
