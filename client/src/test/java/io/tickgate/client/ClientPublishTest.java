package io.tickgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tickgate.gateway.publish.ApiConfig;
import io.tickgate.gateway.auth.AuthConfig;
import io.tickgate.gateway.auth.TopicAcl;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Java client's {@code publish} against a real gateway whose anonymous clients may publish to
 * {@code custom.signals.*} only (docs/protocol.md, "Publishing"): accepted, delivered to a subscriber, and every kind
 * of refusal reported as a {@link PublishException} with the server's code.
 */
@Timeout(60)
class ClientPublishTest {

    private static final AuthConfig AUTH = AuthConfig.builder().enabled(true).required(false)
            .secret("client-test-secret-0123456789abcdef")
            .anonymous(TopicAcl.of(List.of("**"), List.of("custom.signals.*"))).build();

    @Test
    void publishedMessagesReachSubscribersAndRefusalsCarryTheServersCode() throws Exception {
        try (GatewayHarness gw = new GatewayHarness(List.of("AAA"), 100,
                b -> b.auth(AUTH).api(new ApiConfig(List.of(), 256)));
             TickgateClient c = new TickgateClient(ClientConfig.builder(gw.url()).build(), null)) {
            c.connect();
            await().atMost(Duration.ofSeconds(10)).until(() -> c.connectionId() != null);

            c.publish("custom.signals.alpha", Map.of("x", 1)).get(10, TimeUnit.SECONDS);
            List<TopicMessage> got = new CopyOnWriteArrayList<>();
            c.subscribe("custom.signals.alpha", got::add);
            await().atMost(Duration.ofSeconds(10)).until(() -> !got.isEmpty());
            assertThat(got.get(0).isSnapshot()).isTrue();
            assertThat(got.get(0).data().path("x").asInt()).isEqualTo(1);
            c.publish("custom.signals.alpha", Map.of("x", 2)).get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> got.size() == 2);
            assertThat(got.get(1).data().path("x").asInt()).isEqualTo(2);

            assertCode(c, "sim.AAA.trade", Map.of("x", 1), "FORBIDDEN"); // a market topic
            assertCode(c, "custom.other.beta", Map.of("x", 1), "FORBIDDEN"); // not granted
            assertCode(c, "custom..bad", Map.of("x", 1), "INVALID_TOPIC");
            assertCode(c, "custom.signals.big", Map.of("x", "y".repeat(300)), "MESSAGE_TOO_LARGE");
            assertThat(c.connectionId()).as("refusals keep the connection").isNotNull();
            assertThatThrownBy(() -> c.publish("custom.signals.alpha", List.of(1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JSON object");
        }
    }

    @Test
    void withoutAConnectionNothingIsSent() throws Exception {
        try (TickgateClient c = new TickgateClient(ClientConfig.builder("ws://127.0.0.1:9/ws").build(), null)) {
            assertCode(c, "custom.signals.alpha", Map.of("x", 1), "NOT_CONNECTED");
        }
    }

    private static void assertCode(TickgateClient c, String topic, Object data, String code) {
        assertThatThrownBy(() -> c.publish(topic, data).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(PublishException.class)
                .extracting(e -> ((PublishException) e).code()).isEqualTo(code);
    }
}
