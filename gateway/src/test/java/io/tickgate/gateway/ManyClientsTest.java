package io.tickgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static io.tickgate.gateway.testsupport.FeedChecker.field;
import static org.awaitility.Awaitility.await;

import io.tickgate.gateway.testsupport.Events;
import io.tickgate.gateway.testsupport.GatewayFixture;
import io.tickgate.gateway.testsupport.TestWsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 1,000 concurrent clients on one shared client event loop group, each subscribed to two of 20 topics, each
 * receiving every message of its topics in seq order while a producer publishes; and 200 the same with a write delay.
 */
@Timeout(180)
class ManyClientsTest {

    private static final int CLIENTS = 1_000;
    private static final int TOPICS = 20;
    private static final int MESSAGES_PER_TOPIC = 200;

    private GatewayFixture fx;

    @AfterEach
    void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    /** Per-client checker; runs on the client's event loop (one thread per channel). */
    private static final class SeqChecker {
        final Map<String, Long> seq = new HashMap<>();
        final AtomicInteger snapshots = new AtomicInteger();
        final AtomicInteger data = new AtomicInteger();
        final ConcurrentLinkedQueue<String> problems;

        SeqChecker(ConcurrentLinkedQueue<String> problems) {
            this.problems = problems;
        }

        void onMessage(String text) {
            String type = field(text, "type");
            if ("snapshot".equals(type)) {
                seq.put(field(text, "topic"), Long.parseLong(field(text, "seq")));
                snapshots.incrementAndGet();
            } else if ("data".equals(type)) {
                String topic = field(text, "topic");
                Long last = seq.get(topic);
                long s = Long.parseLong(field(text, "seq"));
                if (last == null || s != last + 1) {
                    problems.add(topic + ": expected " + (last == null ? "snapshot first" : last + 1) + ", got " + s);
                }
                seq.put(topic, s);
                data.incrementAndGet();
            } else if ("error".equals(type)) {
                problems.add(text);
            }
        }
    }

    @Test
    void thousandClientsEachReceiveEveryMessageInOrder() throws Exception {
        everyClientReceivesEveryMessageInOrder(CLIENTS, 0);
    }

    /** A write delay holds each client's messages back and writes them together: none lost, none out of order. */
    @Test
    void withAWriteDelayEveryClientStillReceivesEveryMessageInOrder() throws Exception {
        everyClientReceivesEveryMessageInOrder(200, 20);
    }

    private void everyClientReceivesEveryMessageInOrder(int count, int writeDelayMillis) throws Exception {
        fx = GatewayFixture.start(b -> b.inboundRateLimit(1_000, 1_000).writeDelayMillis(writeDelayMillis));
        for (int t = 0; t < TOPICS; t++) {
            fx.broker.publish(Events.trade("C" + t, 0));
        }
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        List<SeqChecker> checkers = new ArrayList<>();
        List<TestWsClient> clients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            SeqChecker checker = new SeqChecker(problems);
            checkers.add(checker);
            clients.add(fx.connectRaw("/ws", TestWsClient.options().listener(checker::onMessage)));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> fx.gateway.connections() == count);
        for (int i = 0; i < count; i++) {
            clients.get(i).sendNoFlush("{\"type\":\"subscribe\",\"topics\":[\"sim.C" + (i % TOPICS)
                    + ".trade\",\"sim.C" + ((i + 7) % TOPICS) + ".trade\"]}");
            clients.get(i).flush();
        }
        await().atMost(Duration.ofSeconds(60))
                .until(() -> checkers.stream().allMatch(c -> c.snapshots.get() == 2) || !problems.isEmpty());
        assertThat(problems).isEmpty();

        for (int n = 1; n <= MESSAGES_PER_TOPIC; n++) {
            for (int t = 0; t < TOPICS; t++) {
                fx.broker.publish(Events.trade("C" + t, n));
            }
            if (n % 20 == 0) {
                Thread.sleep(5); // a steady producer, not a burst that only measures queue sizes
            }
        }
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> checkers.stream().allMatch(c -> c.data.get() == 2 * MESSAGES_PER_TOPIC)
                        || !problems.isEmpty());
        assertThat(problems).isEmpty();
        assertThat(checkers).allSatisfy(c -> assertThat(c.data.get()).isEqualTo(2 * MESSAGES_PER_TOPIC));
        assertThat(fx.metric("tickgate_gateway_subscriptions")).isEqualTo(2.0 * count);
        assertThat(fx.metric("tickgate_gateway_slow_consumer_disconnects_total")).isZero();
    }
}
