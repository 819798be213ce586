package io.tickgate.gateway.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickgate.bus.local.InProcessBroker;
import io.tickgate.gateway.testsupport.Events;
import io.tickgate.gateway.testsupport.GatewayFixture;
import io.tickgate.gateway.testsupport.TestWsClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The hub's per-topic intake (how a node runs on a shared engine), here on an in-process broker that keeps images and
 * history: a topic is followed in the broker only while a local client wants it, its snapshot is the broker's image,
 * a resume the node's own history cannot answer is answered from the broker's, and a pattern picks up topics that
 * appear later.
 */
@Timeout(60)
class PerTopicIntakeTest {

    private final InProcessBroker broker = new InProcessBroker("ep1");
    private GatewayFixture fx;

    @AfterEach
    void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    private void start(long lingerMillis) {
        fx = GatewayFixture.onSharedBroker(broker, b -> b.hubIntake(TopicHub.Intake.PER_TOPIC)
                .hubLingerMillis(lingerMillis).tradeSnapshotSize(3).eventHistory(100, 60_000));
    }

    private static String subscribe(String topic) {
        return "{\"type\":\"subscribe\",\"id\":\"s\",\"topic\":\"" + topic + "\"}";
    }

    private static String resume(String topic, String epoch, long seq) {
        return "{\"type\":\"subscribe\",\"id\":\"r\",\"topic\":\"" + topic + "\",\"resume\":{\"epoch\":\"" + epoch
                + "\",\"seq\":" + seq + "}}";
    }

    @Test
    void aTopicPublishedBeforeAnyLocalClientStartsFromTheBrokersImageThenLive() {
        start(5_000);
        broker.publish(Events.bookSnapshot("AAA", List.of("100:1", "99:2"), List.of("101:1"), 1));
        broker.publish(Events.bookDelta("AAA", List.of("100:0", "98:5"), List.of(), 2));
        for (int i = 1; i <= 10; i++) {
            broker.publish(Events.trade("AAA", i));
        }
        assertThat(fx.metric("tickgate_gateway_hub_broker_topics")).as("nothing followed yet").isZero();

        TestWsClient c = fx.connect();
        c.send(subscribe("sim.AAA.book"));
        JsonNode sub = c.next();
        assertThat(sub.path("seq").asLong()).isEqualTo(2);
        JsonNode snap = c.next();
        assertThat(snap.path("type").asText()).isEqualTo("snapshot");
        assertThat(snap.path("seq").asLong()).isEqualTo(2);
        assertThat(snap.path("data").path("bids").toString()).isEqualTo("[[\"99\",\"2\"],[\"98\",\"5\"]]");
        c.send(subscribe("sim.AAA.trade"));
        assertThat(c.next().path("seq").asLong()).isEqualTo(10);
        JsonNode trades = c.next().path("data").path("trades");
        assertThat(trades).hasSize(3);
        assertThat(trades.get(2).path("id").asText()).isEqualTo("10");

        broker.publish(Events.trade("AAA", 11));
        JsonNode live = c.next();
        assertThat(live.path("type").asText()).isEqualTo("data");
        assertThat(live.path("seq").asLong()).isEqualTo(11);
        assertThat(fx.metric("tickgate_gateway_hub_broker_topics")).isEqualTo(2);
    }

    @Test
    void theBrokerSubscriptionIsDroppedAfterTheLingerOnceTheLastLocalClientLeft() {
        start(0);
        broker.publish(Events.trade("AAA", 1));
        TestWsClient c = fx.connect();
        c.send(subscribe("sim.AAA.trade"));
        c.next();
        c.next();
        assertThat(fx.metric("tickgate_gateway_hub_broker_topics")).isEqualTo(1);
        c.send("{\"type\":\"unsubscribe\",\"id\":\"u\",\"topic\":\"sim.AAA.trade\"}");
        assertThat(c.next().path("type").asText()).isEqualTo("unsubscribed");
        await().atMost(Duration.ofSeconds(5)).until(() -> fx.metric("tickgate_gateway_hub_broker_topics") == 0);

        broker.publish(Events.trade("AAA", 2));
        c.send(subscribe("sim.AAA.trade"));
        assertThat(c.next().path("seq").asLong()).as("followed again, from a fresh image").isEqualTo(2);
        assertThat(c.next().path("data").path("trades").get(1).path("id").asText()).isEqualTo("2");
    }

    @Test
    void aResumeFromBeforeTheNodeFollowedTheTopicIsReplayedFromTheBrokersHistory() {
        start(5_000);
        for (int i = 1; i <= 30; i++) {
            broker.publish(Events.trade("AAA", i));
        }
        TestWsClient c = fx.connect();
        c.send(resume("sim.AAA.trade", "ep1", 12));
        JsonNode sub = c.next();
        assertThat(sub.path("resumed").asBoolean()).isTrue();
        assertThat(sub.path("seq").asLong()).isEqualTo(30);
        for (long seq = 13; seq <= 30; seq++) {
            JsonNode m = c.next();
            assertThat(m.path("type").asText()).isEqualTo("data");
            assertThat(m.path("seq").asLong()).isEqualTo(seq);
            assertThat(m.path("data").path("id").asText()).isEqualTo(Long.toString(seq));
        }
        broker.publish(Events.trade("AAA", 31));
        assertThat(c.next().path("seq").asLong()).isEqualTo(31);
        assertThat(c.poll(Duration.ofMillis(200))).as("nothing doubled").isNull();
        assertThat(fx.metric("tickgate_gateway_hub_broker_history_total{result=\"replayed\"}")).isEqualTo(1);

        TestWsClient old = fx.connect();
        old.send(resume("sim.AAA.trade", "another-epoch", 12));
        assertThat(old.next().path("resumed").asBoolean()).isFalse();
        assertThat(old.next().path("type").asText()).isEqualTo("snapshot");
    }

    @Test
    void aResumeFromAPositionThisNodeHasNotReachedYetWaitsForItInsteadOfResetting() {
        start(5_000);
        for (int i = 1; i <= 30; i++) {
            broker.publish(Events.trade("AAA", i));
        }
        TestWsClient c = fx.connect();
        c.send(subscribe("sim.AAA.trade"));
        assertThat(c.next().path("seq").asLong()).isEqualTo(30);
        c.next();
        // a client whose last node was two messages ahead of this one
        TestWsClient moved = fx.connect();
        moved.send(resume("sim.AAA.trade", "ep1", 32));
        assertThat(moved.poll(Duration.ofMillis(300))).as("nothing before the node is there").isNull();
        broker.publish(Events.trade("AAA", 31));
        assertThat(c.next().path("seq").asLong()).isEqualTo(31);
        assertThat(moved.poll(Duration.ofMillis(300))).as("seq 31 is one the client has").isNull();
        broker.publish(Events.trade("AAA", 32));
        JsonNode sub = moved.next();
        assertThat(sub.path("type").asText()).isEqualTo("subscribed");
        assertThat(sub.path("resumed").asBoolean()).isTrue();
        assertThat(sub.path("seq").asLong()).isEqualTo(32);
        broker.publish(Events.trade("AAA", 33));
        JsonNode live = moved.next();
        assertThat(live.path("type").asText()).isEqualTo("data");
        assertThat(live.path("seq").asLong()).isEqualTo(33);
        assertThat(moved.poll(Duration.ofMillis(200))).as("nothing doubled").isNull();

        // a position the topic does not reach in time is not the broker's: resumed:false and a snapshot
        TestWsClient lost = fx.connect();
        lost.send(resume("sim.AAA.trade", "ep1", 1_000));
        JsonNode refused = lost.next(Duration.ofMillis(AheadResumes.WAIT_MILLIS + 5_000));
        assertThat(refused.path("resumed").asBoolean()).isFalse();
        assertThat(refused.path("seq").asLong()).isEqualTo(33);
        assertThat(lost.next().path("type").asText()).isEqualTo("snapshot");
    }

    @Test
    void aFullShardQueueCostsSubscribersAFreshSnapshotNeverAGap() {
        fx = GatewayFixture.onSharedBroker(broker, b -> b.hubIntake(TopicHub.Intake.PER_TOPIC).hubQueueCapacity(16));
        broker.publish(Events.ticker("AAA", "0"));
        TestWsClient c = fx.connect();
        c.send(subscribe("sim.AAA.ticker"));
        assertThat(c.next().path("seq").asLong()).isEqualTo(1);
        long position = c.next().path("seq").asLong();
        int last = 20_000;
        for (int i = 1; i <= last; i++) {
            broker.publish(Events.ticker("AAA", Integer.toString(i)));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> fx.metric("tickgate_gateway_hub_dropped_total") > 0);
        broker.publish(Events.ticker("AAA", "-1")); // after the flood: as data, or in the snapshot of a resync
        int snapshots = 0;
        JsonNode m;
        do {
            m = c.next();
            long seq = m.path("seq").asLong();
            if (m.path("type").asText().equals("snapshot")) {
                assertThat(seq).as("a snapshot never goes back").isGreaterThanOrEqualTo(position);
                assertThat(m.path("ts").asLong()).as("a live snapshot carries its state's time: " + m).isPositive();
                snapshots++;
            } else {
                assertThat(m.path("type").asText()).isEqualTo("data");
                assertThat(seq).as("data follows the last message without a gap").isEqualTo(position + 1);
            }
            position = seq;
        } while (!m.path("data").path("last").asText().equals("-1"));
        assertThat(position).isEqualTo(last + 2);
        assertThat(snapshots).as("the loss was answered with a fresh snapshot").isPositive();
        assertThat(fx.metric("tickgate_gateway_hub_resyncs_total")).isPositive();
    }

    @Test
    void aPatternSubscriptionPicksUpATopicPublishedAfterIt() {
        start(5_000);
        broker.publish(Events.ticker("AAA", "100"));
        TestWsClient c = fx.connect();
        c.send("{\"type\":\"subscribe\",\"id\":\"p\",\"topic\":\"sim.*.ticker\"}");
        assertThat(c.next().path("topic").asText()).isEqualTo("sim.AAA.ticker");
        assertThat(c.next().path("type").asText()).isEqualTo("snapshot");

        broker.publish(Events.ticker("BBB", "200"));
        JsonNode sub = c.next();
        assertThat(sub.path("type").asText()).isEqualTo("subscribed");
        assertThat(sub.path("id").asText()).isEqualTo("p");
        assertThat(sub.path("topic").asText()).isEqualTo("sim.BBB.ticker");
        JsonNode snap = c.next();
        assertThat(snap.path("type").asText()).isEqualTo("snapshot");
        assertThat(snap.path("data").path("last").asText()).isEqualTo("200");
        broker.publish(Events.ticker("BBB", "201"));
        assertThat(c.next().path("data").path("last").asText()).isEqualTo("201");

        c.send("{\"type\":\"unsubscribe\",\"id\":\"u\",\"topic\":\"sim.*.ticker\"}");
        assertThat(c.next().path("type").asText()).isEqualTo("unsubscribed");
        assertThat(c.next().path("type").asText()).isEqualTo("unsubscribed");
        broker.publish(Events.ticker("CCC", "300"));
        assertThat(c.poll(Duration.ofMillis(500))).as("the pattern ended with its unsubscribe").isNull();
    }
}
