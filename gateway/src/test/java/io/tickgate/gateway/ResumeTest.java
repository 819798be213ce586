package io.tickgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

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

/** History and resume: exact replay when history covers the gap; otherwise resumed:false and a fresh snapshot. */
@Timeout(60)
class ResumeTest {

    private GatewayFixture fx;

    @AfterEach
    void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    private static String resume(String topic, String epoch, long seq) {
        return "{\"type\":\"subscribe\",\"id\":\"r\",\"topic\":\"" + topic + "\",\"resume\":{\"epoch\":\"" + epoch
                + "\",\"seq\":" + seq + "}}";
    }

    @Test
    void resumeWithinHistoryReplaysExactlyTheMissedMessagesThenLive() {
        fx = GatewayFixture.start(b -> b.eventHistory(100, 60_000));
        for (int i = 1; i <= 30; i++) {
            fx.broker.publish(Events.trade("AAA", i));
        }
        TestWsClient c = fx.connect();
        c.send(resume("sim.AAA.trade", "ep1", 12));
        JsonNode sub = c.next();
        assertThat(sub.path("type").asText()).isEqualTo("subscribed");
        assertThat(sub.path("resumed").asBoolean()).isTrue();
        assertThat(sub.path("seq").asLong()).as("the head").isEqualTo(30);
        for (long seq = 13; seq <= 30; seq++) {
            JsonNode m = c.next();
            assertThat(m.path("type").asText()).isEqualTo("data");
            assertThat(m.path("seq").asLong()).isEqualTo(seq);
            assertThat(m.path("data").path("id").asText()).isEqualTo(Long.toString(seq));
        }
        fx.broker.publish(Events.trade("AAA", 31));
        assertThat(c.next().path("seq").asLong()).isEqualTo(31);
        assertThat(c.poll(Duration.ofMillis(200))).as("nothing doubled").isNull();
        assertThat(fx.metric("tickgate_gateway_resumes_total{result=\"resumed\"}")).isEqualTo(1);
        assertThat(fx.metric("tickgate_gateway_replayed_messages_total")).isEqualTo(18);
        assertThat(fx.metric("tickgate_gateway_history_size")).isEqualTo(31);
    }

    @Test
    void resumeAtTheHeadReplaysNothing() {
        fx = GatewayFixture.start();
        fx.broker.publish(Events.trade("AAA", 1));
        TestWsClient c = fx.connect();
        c.send(resume("sim.AAA.trade", "ep1", 1));
        assertThat(c.next().path("resumed").asBoolean()).isTrue();
        fx.broker.publish(Events.trade("AAA", 2));
        JsonNode next = c.next();
        assertThat(next.path("type").asText()).isEqualTo("data");
        assertThat(next.path("seq").asLong()).isEqualTo(2);
    }

    @Test
    void resumeBeyondHistoryGetsResumedFalseAndASnapshot() {
        fx = GatewayFixture.start(b -> b.eventHistory(5, 60_000).tradeSnapshotSize(3));
        for (int i = 1; i <= 20; i++) {
            fx.broker.publish(Events.trade("AAA", i));
        }
        TestWsClient c = fx.connect();
        c.send(resume("sim.AAA.trade", "ep1", 14)); // needs 15..20: six messages, five held
        JsonNode sub = c.next();
        assertThat(fx.metric("tickgate_gateway_history_size")).as("bounded by count").isEqualTo(5);
        assertThat(sub.path("resumed").asBoolean(true)).isFalse();
        assertThat(sub.path("seq").asLong()).isEqualTo(20);
        JsonNode snap = c.next();
        assertThat(snap.path("type").asText()).isEqualTo("snapshot");
        assertThat(snap.path("seq").asLong()).isEqualTo(20);
        assertThat(snap.path("data").path("trades")).hasSize(3);

        TestWsClient covered = fx.connect();
        covered.send(resume("sim.AAA.trade", "ep1", 15)); // 16..20: exactly the five held
        assertThat(covered.next().path("resumed").asBoolean()).isTrue();
        assertThat(covered.next().path("seq").asLong()).isEqualTo(16);

        TestWsClient ahead = fx.connect();
        ahead.send(resume("sim.AAA.trade", "ep1", 99));
        assertThat(ahead.next().path("resumed").asBoolean(true)).as("a seq from the future").isFalse();
        assertThat(ahead.next().path("type").asText()).isEqualTo("snapshot");
        assertThat(fx.metric("tickgate_gateway_resumes_total{result=\"range\"}")).isEqualTo(2);
    }

    @Test
    void historyOlderThanTheAgeLimitCannotBeReplayed() throws InterruptedException {
        fx = GatewayFixture.start(b -> b.eventHistory(1_000, 100));
        fx.broker.publish(Events.trade("AAA", 1));
        fx.broker.publish(Events.trade("AAA", 2));
        Thread.sleep(300);
        TestWsClient c = fx.connect();
        c.send(resume("sim.AAA.trade", "ep1", 1));
        assertThat(c.next().path("resumed").asBoolean(true)).isFalse();
        assertThat(c.next().path("type").asText()).isEqualTo("snapshot");
    }

    @Test
    void resumeAcrossAServerRestartGetsTheNewEpochAndASnapshot() {
        fx = GatewayFixture.start(new InProcessBroker("before"), b -> b);
        fx.broker.publish(Events.ticker("AAA", "1"));
        fx.broker.publish(Events.ticker("AAA", "2"));
        int port = fx.gateway.port();
        fx.close();
        // the restarted server: same port, a new in-process broker (a new epoch), seq starting over
        fx = GatewayFixture.start(new InProcessBroker("after"), b -> b.port(port));
        fx.broker.publish(Events.ticker("AAA", "7"));
        TestWsClient c = fx.connect();
        c.send(resume("sim.AAA.ticker", "before", 2));
        JsonNode sub = c.next();
        assertThat(sub.path("resumed").asBoolean(true)).isFalse();
        assertThat(sub.path("epoch").asText()).isEqualTo("after");
        JsonNode snap = c.next();
        assertThat(snap.path("type").asText()).isEqualTo("snapshot");
        assertThat(snap.path("epoch").asText()).isEqualTo("after");
        assertThat(snap.path("seq").asLong()).isEqualTo(1);
        assertThat(snap.path("data").path("last").asText()).isEqualTo("7");
        assertThat(fx.metric("tickgate_gateway_resumes_total{result=\"epoch\"}")).isEqualTo(1);
    }

    @Test
    void bookResumeReplaysDeltasAndLiveSnapshotsInOrder() {
        fx = GatewayFixture.start();
        fx.broker.publish(Events.bookSnapshot("AAA", List.of("99:1"), List.of("101:1"), 1));
        fx.broker.publish(Events.bookDelta("AAA", List.of("99:2"), List.of(), 2));
        fx.broker.publish(Events.bookSnapshot("AAA", List.of("98:5"), List.of("102:5"), 3));
        fx.broker.publish(Events.bookDelta("AAA", List.of(), List.of("102:0"), 4));
        TestWsClient c = fx.connect();
        c.send(resume("sim.AAA.book", "ep1", 1));
        assertThat(c.next().path("resumed").asBoolean()).isTrue();
        JsonNode d2 = c.next();
        assertThat(d2.path("type").asText()).isEqualTo("data");
        assertThat(d2.path("seq").asLong()).isEqualTo(2);
        JsonNode s3 = c.next();
        assertThat(s3.path("type").asText()).isEqualTo("snapshot");
        assertThat(s3.path("seq").asLong()).isEqualTo(3);
        assertThat(s3.path("data").path("bids").toString()).isEqualTo("[[\"98\",\"5\"]]");
        JsonNode d4 = c.next();
        assertThat(d4.path("seq").asLong()).isEqualTo(4);
        assertThat(d4.path("data").path("asks").toString()).isEqualTo("[[\"102\",\"0\"]]");
    }

    @Test
    void resumeWithAPatternIsIgnoredAndEachTopicGetsASnapshot() {
        fx = GatewayFixture.start();
        fx.broker.publish(Events.trade("AAA", 1));
        TestWsClient c = fx.connect();
        c.send("{\"type\":\"subscribe\",\"topic\":\"sim.*.trade\",\"resume\":{\"epoch\":\"ep1\",\"seq\":1}}");
        assertThat(c.next().path("resumed").asBoolean(true)).isFalse();
        assertThat(c.next().path("type").asText()).isEqualTo("snapshot");
    }
}
