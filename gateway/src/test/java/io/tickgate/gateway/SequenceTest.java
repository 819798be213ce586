package io.tickgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickgate.gateway.testsupport.Events;
import io.tickgate.gateway.testsupport.GatewayFixture;
import io.tickgate.gateway.testsupport.TestWsClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Seq delivery: +1 per message, no gap or duplicate, including for a client subscribing mid-stream. */
@Timeout(90)
class SequenceTest {

    private static final int TOPICS = 4;
    private static final int PER_TOPIC = 3_000;

    private GatewayFixture fx;

    @BeforeEach
    void start() {
        fx = GatewayFixture.start(b -> b.hubShards(2));
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void concurrentPublishersEachClientSeesEveryTopicGapFree() throws Exception {
        for (int t = 0; t < TOPICS; t++) {
            fx.broker.publish(Events.trade("S" + t, 0));
        }
        TestWsClient early = fx.connect();
        early.send("{\"type\":\"subscribe\",\"topic\":\"sim.*.trade\"}");
        Map<String, Long> earlySeq = readSubscribeAnswers(early, TOPICS);

        ExecutorService producers = Executors.newFixedThreadPool(TOPICS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < TOPICS; t++) {
            String symbol = "S" + t;
            done.add(producers.submit(() -> {
                go.await();
                for (int i = 1; i <= PER_TOPIC; i++) {
                    fx.broker.publish(Events.trade(symbol, i)); // one writer per topic, as the Broker requires
                    if (i % 500 == 0) {
                        Thread.sleep(1);
                    }
                }
                return null;
            }));
        }
        go.countDown();
        // a second client joins while the producers run
        Thread.sleep(20);
        TestWsClient late = fx.connect();
        late.send("{\"type\":\"subscribe\",\"topic\":\"sim.*.trade\"}");
        Map<String, Long> lateSeq = readSubscribeAnswers(late, TOPICS);
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        producers.shutdown();

        readUntilEnd(early, earlySeq);
        readUntilEnd(late, lateSeq);
    }

    /** Reads subscribed + snapshot per topic; returns topic → seq the live stream continues from. */
    private static Map<String, Long> readSubscribeAnswers(TestWsClient c, int topics) {
        Map<String, Long> seq = new HashMap<>();
        Map<String, Long> pendingSnapshot = new HashMap<>();
        List<JsonNode> early = new ArrayList<>();
        while (seq.size() < topics) {
            JsonNode m = c.next();
            String topic = m.path("topic").asText();
            switch (m.path("type").asText()) {
                case "subscribed" -> pendingSnapshot.put(topic, m.path("seq").asLong());
                case "snapshot" -> {
                    assertThat(m.path("seq").asLong()).as("snapshot seq = subscribed seq")
                            .isEqualTo(pendingSnapshot.get(topic));
                    seq.put(topic, m.path("seq").asLong());
                }
                case "data" -> {
                    // live data of a topic already snapshotted
                    assertThat(seq).containsKey(topic);
                    early.add(m);
                }
                default -> throw new AssertionError("unexpected " + m);
            }
        }
        for (JsonNode m : early) {
            check(seq, m);
        }
        return seq;
    }

    private static void readUntilEnd(TestWsClient c, Map<String, Long> seq) {
        while (seq.values().stream().anyMatch(s -> s < PER_TOPIC + 1)) {
            check(seq, c.next());
        }
        assertThat(seq.values()).containsOnly((long) PER_TOPIC + 1);
    }

    private static void check(Map<String, Long> seq, JsonNode m) {
        assertThat(m.path("type").asText()).isEqualTo("data");
        String topic = m.path("topic").asText();
        long expected = seq.get(topic) + 1;
        assertThat(m.path("seq").asLong()).as("seq of %s", topic).isEqualTo(expected);
        assertThat(m.path("data").path("id").asLong()).as("payload matches seq").isEqualTo(expected - 1);
        seq.put(topic, expected);
    }
}
