package io.tickgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickgate.gateway.Gateway;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Java client with failover uris against two real gateway nodes on one broker: when the node it is on goes away,
 * the client moves to the other and resumes there without a gap or a duplicate.
 */
@Timeout(60)
class FailoverTest {

    private static final String TOPIC = GatewayHarness.topic("AAA");

    @Test
    void aDeadNodesClientsResumeOnTheNextNodeWithoutLoss() {
        try (GatewayHarness gw = new GatewayHarness(List.of("AAA"), 500, b -> b)) {
            Gateway second = gw.startAnotherNode();
            List<Gap> gaps = new CopyOnWriteArrayList<>();
            TopicRecorder rec = new TopicRecorder();
            ClientConfig config = ClientConfig.builder(gw.url())
                    .failover(URI.create("ws://127.0.0.1:" + second.port() + "/ws"))
                    .reconnectDelay(new FullJitterBackoff(20, 200)).build();
            try (TickgateClient c = new TickgateClient(config, new ClientListener() {
                @Override
                public void onGap(Gap gap) {
                    gaps.add(gap);
                }
            })) {
                c.subscribe(TOPIC, rec);
                c.connect();
                gw.startProducing();
                String epoch = gw.epoch();
                await().atMost(Duration.ofSeconds(10)).until(() -> rec.last(epoch) > 50);
                gw.gateway().close(); // the first node dies: the client must move to the second
                await().atMost(Duration.ofSeconds(10)).until(() -> second.connections() == 1);
                long atMove = gw.lastSeq(TOPIC);
                await().atMost(Duration.ofSeconds(10)).until(() -> rec.last(epoch) > atMove + 50);
                c.reconnect(); // the next uri is the dead node again: refused, then back to the second
                await().atMost(Duration.ofSeconds(10)).until(() -> rec.last(epoch) > gw.lastSeq(TOPIC) - 5
                        && c.stats().reconnects() >= 3 && c.connectionId() != null);
                gw.stopProducing();
                await().atMost(Duration.ofSeconds(10)).until(() -> rec.last(epoch) == gw.lastSeq(TOPIC));
                assertThat(rec.check(epoch, gw.lastSeq(TOPIC))).isEmpty();
                assertThat(gaps).isEmpty();
                assertThat(c.stats().duplicates()).isZero();
                assertThat(config.uris()).hasSize(2);
            } finally {
                second.close();
            }
        }
    }

    @Test
    void failoverUrisMustShareTheScheme() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ClientConfig.builder("ws://127.0.0.1:1/ws")
                .failover(URI.create("wss://127.0.0.1:2/ws")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scheme");
    }
}
