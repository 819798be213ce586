package io.tickgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickgate.gateway.testsupport.Events;
import io.tickgate.gateway.testsupport.GatewayFixture;
import io.tickgate.gateway.testsupport.TestWsClient;
import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.Side;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Channel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code aggTrade} is a topic of its own next to {@code trade}: an event channel (each message delivered, the last
 * trades as its snapshot), with its own seqs, even when raw and aggregated ids collide.
 */
@Timeout(60)
class AggTradeChannelTest {

    private GatewayFixture fx;

    @BeforeEach
    void start() {
        fx = GatewayFixture.start(b -> b.tradeSnapshotSize(2));
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private static Trade agg(long id) {
        return new Trade(Events.SOURCE, "AAA", Long.toString(id), Decimal.parse("101.5"), Decimal.parse("0.60"),
                Side.SELL, Events.T0 + id, true);
    }

    @Test
    void aggregatedTradesHaveTheirOwnEventTopicWithATradeSnapshot() {
        assertThat(Channel.AGG_TRADE.isState()).isFalse();
        for (int i = 1; i <= 3; i++) {
            fx.broker.publish(Events.trade("AAA", i));
            fx.broker.publish(agg(i));
        }
        TestWsClient c = fx.connect();
        c.send("{\"type\":\"subscribe\",\"id\":\"1\",\"topic\":\"sim.AAA.aggTrade\"}");
        JsonNode sub = c.next();
        assertThat(sub.path("type").asText()).isEqualTo("subscribed");
        assertThat(sub.path("topic").asText()).isEqualTo("sim.AAA.aggTrade");
        assertThat(sub.path("seq").asLong()).isEqualTo(3);
        JsonNode snap = c.next();
        assertThat(snap.path("type").asText()).isEqualTo("snapshot");
        assertThat(snap.path("data").path("trades")).hasSize(2);
        assertThat(snap.path("data").path("trades").get(1).path("qty").asText()).isEqualTo("0.60");

        fx.broker.publish(Events.trade("AAA", 4));
        fx.broker.publish(agg(4));
        JsonNode data = c.next();
        assertThat(data.path("type").asText()).isEqualTo("data");
        assertThat(data.path("topic").asText()).isEqualTo("sim.AAA.aggTrade");
        assertThat(data.path("seq").asLong()).isEqualTo(4);
        assertThat(data.path("data").toString()).isEqualTo("{\"id\":\"4\",\"price\":\"101.5\",\"qty\":\"0.60\","
                + "\"side\":\"sell\",\"time\":" + (Events.T0 + 4) + "}");
    }
}
