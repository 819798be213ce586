package io.tickgate.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tickgate.app.config.ConfigLoader;
import io.tickgate.app.config.TickgateConfig;
import io.tickgate.bus.Brokers;
import io.tickgate.bus.api.Broker;
import io.tickgate.bus.api.BrokerSettings;
import io.tickgate.bus.local.InProcessBroker;
import io.tickgate.bus.redis.RedisBroker;
import io.tickgate.bus.testing.RedisExtension;
import io.tickgate.gateway.Gateway;
import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.Side;
import io.tickgate.model.event.Trade;
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
 * {@code broker.url} and the engine's settings from the configuration; a gateway-only node (no venue enabled) on a
 * shared Redis serves what another node publishes, and its {@code /ready} follows the broker.
 */
@Timeout(60)
class AssemblyBrokerTest {

    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.standalone();

    private static final String GATEWAY_ONLY = "binance.enabled=false,okx.enabled=false";

    private static TickgateConfig load(Map<String, String> env, String... overrides) {
        return new ConfigLoader().load(null, env, List.of(overrides));
    }

    @Test
    void theBrokerComesFromTheConfigurationInProcessByDefault() {
        TickgateConfig d = load(Map.of());
        assertThat(d.broker().url()).isEqualTo("in-process");
        try (Broker b = Assembly.openBroker(d, new SimpleMeterRegistry())) {
            assertThat(b).isInstanceOf(InProcessBroker.class);
        }
        TickgateConfig c = load(Map.of("TICKGATE_BROKER_URL", "redis://10.0.0.1:6379"), "broker.maxBatch=64",
                "gateway.tradeSnapshotSize=7", "gateway.eventHistorySize=0");
        assertThat(c.broker().url()).isEqualTo("redis://10.0.0.1:6379");
        BrokerSettings s = Assembly.brokerSettings(c);
        assertThat(s.maxBatch()).isEqualTo(64);
        assertThat(s.tradeStateSize()).as("images carry what the gateway's snapshots carry").isEqualTo(7);
        assertThat(s.eventHistorySize()).isEqualTo(1);
        assertThatThrownBy(() -> Assembly.openBroker(load(Map.of(), "broker.url=kafka://x:1"),
                new SimpleMeterRegistry())).hasMessageContaining("broker.url");
        assertThatThrownBy(() -> Assembly.brokerSettings(load(Map.of(), "broker.keyPrefix={x}")))
                .hasMessageContaining("broker: keyPrefix");
    }

    @Test
    void aGatewayOnlyNodeOnRedisServesTopicsAnotherNodePublishesAndIsReadyWithItsBroker() throws Exception {
        List<String> overrides = new java.util.ArrayList<>(List.of("gateway.port=0", "broker.url=" + REDIS.url()));
        overrides.addAll(List.of(GATEWAY_ONLY.split(",")));
        Assembly a = new Assembly(load(Map.of(), overrides.toArray(String[]::new)));
        try (Broker producer = Brokers.open(REDIS.url(), BrokerSettings.defaults(), new SimpleMeterRegistry())) {
            assertThat(a.broker()).isInstanceOf(RedisBroker.class);
            assertThat(a.anyVenueEnabled()).isFalse();
            a.gatewayOnly();
            Gateway g = a.startGatewayAfterFeeds(1_000);
            producer.publish(new Trade("sim", "GWO", "1", Decimal.parse("1.5"), Decimal.parse("2"), Side.BUY, 1L));
            HttpClient http = HttpClient.newHttpClient();
            await().atMost(Duration.ofSeconds(20)).until(() -> get(http, g, "/ready").statusCode() == 200
                    && get(http, g, "/api/v1/topics").body().contains("sim.GWO.trade"));
        } finally {
            a.components().close();
        }
    }

    private static HttpResponse<String> get(HttpClient http, Gateway g, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + g.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
