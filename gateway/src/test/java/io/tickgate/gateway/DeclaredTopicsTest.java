package io.tickgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickgate.gateway.testsupport.Events;
import io.tickgate.gateway.testsupport.GatewayFixture;
import io.tickgate.gateway.testsupport.TestWsClient;
import io.tickgate.model.topic.Topic;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Topics the configuration declares exist from start-up: subscribe, a wildcard and resume are accepted before the
 * first message (never UNKNOWN_TOPIC), and {@code subscribed} + snapshot come with that first message.
 */
@Timeout(60)
class DeclaredTopicsTest {

    private GatewayFixture fx;

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void declaredTopicsAreSubscribedBeforeTheirFirstMessageAndServedWhenItArrives() {
        fx = GatewayFixture.start(b -> b.declaredTopics(List.of(Topic.parse("sim.AAA.trade"),
                Topic.parse("sim.BBB.trade"), Topic.parse("sim.AAA.ticker"))));
        assertThat(fx.get("/api/v1/topics").body()).contains("sim.AAA.trade", "sim.BBB.trade", "sim.AAA.ticker");
        TestWsClient c = fx.connect();
        c.send("{\"type\":\"subscribe\",\"id\":\"exact\",\"topic\":\"sim.AAA.trade\"}");
        c.send("{\"type\":\"subscribe\",\"id\":\"wild\",\"topic\":\"sim.*.ticker\"}");
        c.send("{\"type\":\"subscribe\",\"id\":\"resume\",\"topic\":\"sim.BBB.trade\","
                + "\"resume\":{\"epoch\":\"old\",\"seq\":7}}");
        c.send("{\"type\":\"subscribe\",\"id\":\"undeclared\",\"topic\":\"sim.ZZZ.trade\"}");
        // answered in order: had any of the first three been refused, its error would come first
        JsonNode first = c.next();
        assertThat(first.path("code").asText()).isEqualTo("UNKNOWN_TOPIC");
        assertThat(first.path("id").asText()).isEqualTo("undeclared");

        fx.broker.publish(Events.trade("AAA", 1));
        assertSubscribedThenSnapshot(c, "exact", "sim.AAA.trade");
        fx.broker.publish(Events.ticker("AAA", "101"));
        assertSubscribedThenSnapshot(c, "wild", "sim.AAA.ticker");
        fx.broker.publish(Events.trade("BBB", 1));
        assertSubscribedThenSnapshot(c, "resume", "sim.BBB.trade");

        fx.broker.publish(Events.trade("AAA", 2));
        JsonNode data = c.next();
        assertThat(data.path("type").asText()).isEqualTo("data");
        assertThat(data.path("seq").asLong()).isEqualTo(2);
        assertThat(fx.metric("tickgate_gateway_errors_total{code=\"UNKNOWN_TOPIC\"}")).isEqualTo(1);
    }

    private static void assertSubscribedThenSnapshot(TestWsClient c, String id, String topic) {
        JsonNode sub = c.next();
        assertThat(sub.path("type").asText()).isEqualTo("subscribed");
        assertThat(sub.path("id").asText()).isEqualTo(id);
        assertThat(sub.path("topic").asText()).isEqualTo(topic);
        assertThat(sub.path("seq").asLong()).isEqualTo(1);
        JsonNode snap = c.next();
        assertThat(snap.path("type").asText()).isEqualTo("snapshot");
        assertThat(snap.path("topic").asText()).isEqualTo(topic);
        assertThat(snap.path("seq").asLong()).isEqualTo(1);
    }
}
