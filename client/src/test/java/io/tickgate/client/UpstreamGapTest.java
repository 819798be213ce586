package io.tickgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tickgate.bus.local.InProcessBroker;
import io.tickgate.gateway.Gateway;
import io.tickgate.gateway.GatewayConfig;
import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.GapReason;
import io.tickgate.model.event.Side;
import io.tickgate.model.event.Trade;
import io.tickgate.model.event.TradeGap;
import io.tickgate.model.topic.Channel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A {@link TradeGap} published on a trade topic reaches a client through a real gateway as a {@code gap} message at
 * its seq: {@link ClientListener#onUpstreamGap} in order between the trades around it, no seq gap, and a resume
 * replays it from history like any message.
 */
class UpstreamGapTest {

    private static final String TOPIC = "binance.BTCUSDT.aggTrade";

    private static Trade trade(long id) {
        return new Trade("binance", "BTCUSDT", Long.toString(id), Decimal.parse("100.5"), Decimal.parse("0.1"),
                Side.BUY, 1_000 + id, true);
    }

    @Test
    @Timeout(30)
    void aGapNoticeArrivesInSeqOrderBetweenTheTradesAroundIt() throws Exception {
        InProcessBroker broker = new InProcessBroker();
        Gateway gateway = Gateway.start(GatewayConfig.builder().host("127.0.0.1").port(0).build(), broker,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        List<String> seen = new CopyOnWriteArrayList<>();
        List<Gap> seqGaps = new CopyOnWriteArrayList<>();
        List<UpstreamGap> upstream = new CopyOnWriteArrayList<>();
        try (TickgateClient client = new TickgateClient(
                ClientConfig.builder("ws://127.0.0.1:" + gateway.port() + "/ws").build(), new ClientListener() {
                    @Override
                    public void onGap(Gap gap) {
                        seqGaps.add(gap);
                    }

                    @Override
                    public void onUpstreamGap(UpstreamGap gap) {
                        upstream.add(gap);
                        seen.add("gap " + gap.fromId() + ".." + gap.toId() + " @" + gap.seq());
                    }
                })) {
            broker.publish(trade(10)); // the topic exists before the subscribe
            client.subscribe(TOPIC, m -> {
                if (!m.isSnapshot()) {
                    seen.add("trade " + m.data().path("id").asText() + " @" + m.seq());
                }
            });
            client.connect();
            await().atMost(Duration.ofSeconds(10)).until(() -> client.stats().messages() >= 1);
            broker.publish(new TradeGap("binance", "BTCUSDT", Channel.AGG_TRADE, "11", "19", 1_010, 1_020,
                    GapReason.HISTORY, 2_000));
            broker.publish(trade(20));
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() >= 2);

            assertThat(seen).containsExactly("gap 11..19 @2", "trade 20 @3");
            assertThat(upstream.get(0)).isEqualTo(new UpstreamGap(TOPIC, broker.epoch(), 2, "11", "19", 1_010,
                    1_020, "history"));
            assertThat(seqGaps).isEmpty();
        } finally {
            gateway.close();
            broker.close();
        }
    }
}
