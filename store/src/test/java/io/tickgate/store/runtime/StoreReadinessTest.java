package io.tickgate.store.runtime;

import static io.tickgate.store.api.TestRows.trade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tickgate.bus.local.InProcessBroker;
import io.tickgate.gateway.Gateway;
import io.tickgate.gateway.GatewayConfig;
import io.tickgate.store.api.StoreSettings;
import io.tickgate.store.testing.PostgresProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What {@code /ready} says while the history database is down, on a real gateway with a test-owned PostgreSQL that
 * the test stops: by default the node stays ready (200) and reports {@code DEGRADED} naming the store, since every
 * node shares the database and its outage must not take live data out of the load balancer; with
 * {@code store.requiredForReady} the same outage makes it 503. Either way the rows wait and are written afterwards.
 */
@Timeout(120)
class StoreReadinessTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long T0 = System.currentTimeMillis();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aDatabaseOutageDegradesTheNodeByDefaultAndUnreadiesItOnlyWhenRequired() throws Exception {
        try (PostgresProcess pg = PostgresProcess.launch()) {
            outage(pg, false, 200, "DEGRADED", 0);
            outage(pg, true, 503, "NOT_READY", 1_000);
        }
    }

    private void outage(PostgresProcess pg, boolean required, int status, String word, long firstId)
            throws Exception {
        StoreSettings s = StoreSettings.builder().backend(StoreSettings.Backend.POSTGRES).url(pg.url())
                .retryMillis(100).retention(0, 0).requiredForReady(required).build();
        InProcessBroker broker = new InProcessBroker("ep1");
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        HistoryService history = HistoryService.start(s, broker, registry);
        Gateway gateway = Gateway.start(GatewayConfig.builder().host("127.0.0.1").port(0).build(), broker, registry);
        try {
            history.attach(gateway);
            broker.publish(trade("BTCUSDT", firstId + 1, T0));
            await().atMost(Duration.ofSeconds(20)).until(() -> history.writer().written() >= 1);
            assertThat(ready(gateway).statusCode()).isEqualTo(200);

            pg.stop();
            for (int i = 2; i <= 20; i++) {
                broker.publish(trade("BTCUSDT", firstId + i, T0 + i));
            }
            // the word, not the status: in the default case 200 is also what the node said before the outage
            AtomicReference<HttpResponse<String>> r = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                r.set(ready(gateway));
                return JSON.readTree(r.get().body()).path("status").asText().equals(word);
            });
            assertThat(r.get().statusCode()).isEqualTo(status);
            JsonNode body = JSON.readTree(r.get().body());
            JsonNode named = required ? body.path("failing") : body.path("degraded");
            assertThat(named.toString()).contains("\"check\":\"store\"", "rows waiting");

            pg.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> history.writer().written() >= 20);
            await().atMost(Duration.ofSeconds(10)).until(() -> ready(gateway).statusCode() == 200);
            assertThat(JSON.readTree(ready(gateway).body()).path("status").asText()).isEqualTo("READY");
            assertThat(history.writer().dropped()).isZero();
        } finally {
            gateway.close();
            history.close();
            broker.close();
        }
    }

    private HttpResponse<String> ready(Gateway g) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + g.port() + "/ready"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
