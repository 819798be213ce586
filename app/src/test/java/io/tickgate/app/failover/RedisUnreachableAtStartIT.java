package io.tickgate.app.failover;

import static io.tickgate.app.failover.NodeProbe.ready;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickgate.app.DemoProcess;
import io.tickgate.bus.testing.LoopbackPorts;
import io.tickgate.bus.testing.RedisProcess;
import io.tickgate.client.ClientConfig;
import io.tickgate.client.ClientListener;
import io.tickgate.client.Gap;
import io.tickgate.client.TickgateClient;
import io.tickgate.client.UpstreamGap;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The demo (feeds and gateway) started with {@code --broker} naming a Redis that is not there yet: the process starts
 * anyway, says in its log which address it cannot reach and that it retries, answers {@code /health} but not
 * {@code /ready} (503 naming the broker; its feeds wait, as their shard leases live in Redis); once a Redis comes up
 * on that port it turns ready by itself and serves the feed's topics: a client gets a snapshot, then data seq by seq.
 */
@Timeout(200)
class RedisUnreachableAtStartIT {

    @Test
    void theDemoStartsWithoutRedisIsNotReadyAndCatchesUpWhenRedisComes() throws Exception {
        int port = LoopbackPorts.freePort();
        String url = "redis://127.0.0.1:" + port;
        try (DemoProcess demo = DemoProcess.node("demo", "--broker", url,
                "--set", "broker.commandTimeoutMillis=5000")) {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> demo.log().contains("cannot connect to " + url));
            assertThat(demo.log()).contains("retrying every");
            assertThat(ready(demo)).isEqualTo(503);
            assertThat(NodeProbe.get(demo, "/ready").body()).contains("broker").contains("unreachable");
            assertThat(NodeProbe.get(demo, "/health").statusCode()).isEqualTo(200);
            Thread.sleep(2_000);
            assertThat(ready(demo)).as("still not ready without Redis").isEqualTo(503);

            try (RedisProcess redis = RedisProcess.start(port, List.of())) {
                assertThat(redis.port()).isEqualTo(port);
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                        .until(() -> ready(demo) == 200);
                String topic = NodeProbe.tradeTopics(demo, 1).get(0);
                TopicTrail trail = new TopicTrail();
                try (TickgateClient c = new TickgateClient(ClientConfig.builder(
                        "ws://127.0.0.1:" + demo.port() + "/ws").build(), new ClientListener() {
                            @Override
                            public void onGap(Gap gap) {
                                trail.onGap(gap);
                            }

                            @Override
                            public void onUpstreamGap(UpstreamGap gap) {
                                trail.onUpstreamGap(gap);
                            }
                        })) {
                    c.subscribe(topic, trail);
                    c.connect();
                    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                            .until(() -> trail.steps().stream().filter(s -> s.kind() == TopicTrail.Kind.DATA)
                                    .count() >= 3);
                }
                assertThat(trail.steps().get(0).kind()).isEqualTo(TopicTrail.Kind.SNAPSHOT);
                assertThat(trail.problems()).as(topic + " after Redis came").isEmpty();
            }
        }
    }
}
