package io.tickgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickgate.bus.local.InProcessBroker;
import io.tickgate.gateway.testsupport.Events;
import io.tickgate.gateway.testsupport.GatewayFixture;
import io.tickgate.gateway.testsupport.TestWsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The client protocol over real sockets: welcome, subscribe flows per channel, unsubscribe, errors. */
@Timeout(60)
class ProtocolTest {

    private GatewayFixture fx;

    @BeforeEach
    void start() {
        fx = GatewayFixture.start(b -> b.maxSubscriptionsPerConnection(5).tradeSnapshotSize(3));
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void welcomeCarriesConnectionIdServerTimeAndHeartbeat() {
        TestWsClient c = fx.connectRaw("/ws?batch=1", TestWsClient.options());
        JsonNode w = c.next();
        assertThat(w.path("type").asText()).isEqualTo("welcome");
        assertThat(w.path("connectionId").asText()).isNotBlank();
        assertThat(w.path("serverTime").asLong()).isGreaterThan(Events.T0);
        assertThat(w.path("heartbeatMs").asLong()).isEqualTo(GatewayConfig.DEFAULT_HEARTBEAT_INTERVAL_MILLIS);
        assertThat(w.path("rateLimit").path("perSecond").asInt()).isEqualTo(100);
        assertThat(w.path("rateLimit").path("burst").asInt()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> fx.gateway.connections() == 1);
    }

    @Test
    void tradeSubscribeGivesSubscribedThenSnapshotOfLastTradesThenData() {
        for (int i = 1; i <= 5; i++) {
            fx.broker.publish(Events.trade("AAA", i));
        }
        TestWsClient c = fx.connect();
        c.send("{\"type\":\"subscribe\",\"id\":\"1\",\"topic\":\"sim.AAA.trade\"}");
        JsonNode sub = c.next();
        assertThat(sub.path("type").asText()).isEqualTo("subscribed");
        assertThat(sub.path("id").asText()).isEqualTo("1");
        assertThat(sub.path("topic").asText()).isEqualTo("sim.AAA.trade");
        assertThat(sub.path("epoch").asText()).isEqualTo("ep1");
        assertThat(sub.path("seq").asLong()).isEqualTo(5);
        assertThat(sub.path("resumed").asBoolean(true)).isFalse();

        JsonNode snap = c.next();
        assertThat(snap.path("type").asText()).isEqualTo("snapshot");
        assertThat(snap.path("seq").asLong()).isEqualTo(5);
        assertThat(snap.path("epoch").asText()).isEqualTo("ep1");
        JsonNode trades = snap.path("data").path("trades");
        assertThat(trades).hasSize(3);
        assertThat(trades.get(0).path("id").asText()).isEqualTo("3");
        assertThat(trades.get(2).path("id").asText()).isEqualTo("5");

        fx.broker.publish(Events.trade("AAA", 6));
        JsonNode data = c.next();
        assertThat(data.path("type").asText()).isEqualTo("data");
        assertThat(data.path("topic").asText()).isEqualTo("sim.AAA.trade");
        assertThat(data.path("seq").asLong()).isEqualTo(6);
        assertThat(data.path("ts").asLong()).isPositive();
        assertThat(data.path("data").toString())
                .isEqualTo("{\"id\":\"6\",\"price\":\"101.5\",\"qty\":\"0.20\",\"side\":\"buy\",\"time\":"
                        + (Events.T0 + 6) + "}");
    }

    @Test
    void tickerBookTopAndKlineSnapshotTheLastValue() {
        fx.broker.publish(Events.ticker("AAA", "100.10"));
        fx.broker.publish(Events.ticker("AAA", "100.20"));
        fx.broker.publish(Events.bookTop("AAA", "99.9", "100.1"));
        fx.broker.publish(Events.kline("AAA", "101", false));
        TestWsClient c = fx.connect();

        c.send("{\"type\":\"subscribe\",\"id\":\"t\",\"topic\":\"sim.AAA.ticker\"}");
        assertThat(c.next().path("seq").asLong()).isEqualTo(2);
        JsonNode tick = c.next();
        assertThat(tick.path("type").asText()).isEqualTo("snapshot");
        assertThat(tick.path("data").path("last").asText()).isEqualTo("100.20");
        assertThat(tick.path("data").has("open")).as("null fields omitted").isFalse();
        assertThat(tick.path("data").path("volume").asText()).isEqualTo("12345.678");

        c.send("{\"type\":\"subscribe\",\"id\":\"b\",\"topic\":\"sim.AAA.book.top\"}");
        assertThat(c.next().path("type").asText()).isEqualTo("subscribed");
        assertThat(c.next().path("data").toString())
                .isEqualTo("{\"bid\":\"99.9\",\"bidQty\":\"1\",\"ask\":\"100.1\",\"askQty\":\"2\",\"time\":"
                        + Events.T0 + "}");

        c.send("{\"type\":\"subscribe\",\"id\":\"k\",\"topic\":\"sim.AAA.kline.1m\"}");
        assertThat(c.next().path("type").asText()).isEqualTo("subscribed");
        JsonNode k = c.next().path("data");
        assertThat(k.path("interval").asText()).isEqualTo("1m");
        assertThat(k.path("openTime").asLong()).isEqualTo(Events.T0);
        assertThat(k.path("closeTime").asLong()).isEqualTo(Events.T0 + 59_999);
        assertThat(k.path("close").asText()).isEqualTo("101");
        assertThat(k.path("trades").asLong()).isEqualTo(7);
        assertThat(k.path("closed").asBoolean(true)).isFalse();

        fx.broker.publish(Events.ticker("AAA", "100.30"));
        fx.broker.publish(Events.bookTop("AAA", "99.8", "100.1"));
        fx.broker.publish(Events.kline("AAA", "102", true));
        List<JsonNode> live = List.of(c.next(), c.next(), c.next());
        assertThat(live).extracting(n -> n.path("type").asText()).containsOnly("data");
        assertThat(live).extracting(n -> n.path("topic").asText())
                .containsExactly("sim.AAA.ticker", "sim.AAA.book.top", "sim.AAA.kline.1m");
        assertThat(live.get(0).path("seq").asLong()).isEqualTo(3);
        assertThat(live.get(2).path("data").path("closed").asBoolean()).isTrue();
    }

    @Test
    void bookSnapshotIsTheFullBookAndLiveSnapshotsReplaceIt() {
        fx.broker.publish(Events.bookSnapshot("AAA", List.of("100:1", "99:2"), List.of("101:1", "102:3"), 10));
        fx.broker.publish(Events.bookDelta("AAA", List.of("100:0", "98.5:4"), List.of("101:1.5"), 11));
        TestWsClient c = fx.connect();
        c.send("{\"type\":\"subscribe\",\"topic\":\"sim.AAA.book\"}");
        JsonNode sub = c.next();
        assertThat(sub.has("id")).isFalse();
        assertThat(sub.path("seq").asLong()).isEqualTo(2);
        JsonNode snap = c.next();
        assertThat(snap.path("type").asText()).isEqualTo("snapshot");
        assertThat(snap.path("data").path("bids").toString()).isEqualTo("[[\"99\",\"2\"],[\"98.5\",\"4\"]]");
        assertThat(snap.path("data").path("asks").toString()).isEqualTo("[[\"101\",\"1.5\"],[\"102\",\"3\"]]");

        fx.broker.publish(Events.bookDelta("AAA", List.of("99:0"), List.of(), 12));
        JsonNode delta = c.next();
        assertThat(delta.path("type").asText()).isEqualTo("data");
        assertThat(delta.path("seq").asLong()).isEqualTo(3);
        assertThat(delta.path("data").toString())
                .isEqualTo("{\"bids\":[[\"99\",\"0\"]],\"asks\":[],\"time\":" + (Events.T0 + 12) + "}");

        fx.broker.publish(Events.bookSnapshot("AAA", List.of("90:1"), List.of("91:1"), 20));
        JsonNode resync = c.next();
        assertThat(resync.path("type").asText()).isEqualTo("snapshot");
        assertThat(resync.path("seq").asLong()).isEqualTo(4);
        assertThat(resync.path("ts").asLong()).isPositive();
        assertThat(resync.path("data").path("bids").toString()).isEqualTo("[[\"90\",\"1\"]]");
    }

    @Test
    void resumeIsAnsweredWithAFreshSnapshot() {
        fx.broker.publish(Events.ticker("AAA", "1"));
        TestWsClient c = fx.connect();
        c.send("{\"type\":\"subscribe\",\"id\":7,\"topic\":\"sim.AAA.ticker\",\"resume\":{\"epoch\":\"old\",\"seq\":3}}");
        JsonNode sub = c.next();
        assertThat(sub.path("id").isNumber()).as("numeric id echoed as a number").isTrue();
        assertThat(sub.path("id").asLong()).isEqualTo(7);
        assertThat(sub.path("resumed").asBoolean(true)).isFalse();
        assertThat(c.next().path("type").asText()).isEqualTo("snapshot");
    }

    @Test
    void subscribingTwiceAnswersAgainButNeverDuplicatesData() {
        fx.broker.publish(Events.trade("AAA", 1));
        TestWsClient c = fx.connect();
        c.send("{\"type\":\"subscribe\",\"id\":\"1\",\"topic\":\"sim.AAA.trade\"}");
        assertThat(c.next().path("type").asText()).isEqualTo("subscribed");
        assertThat(c.next().path("type").asText()).isEqualTo("snapshot");
        c.send("{\"type\":\"subscribe\",\"id\":\"2\",\"topic\":\"sim.AAA.trade\"}");
        JsonNode again = c.next();
        assertThat(again.path("type").asText()).isEqualTo("subscribed");
        assertThat(again.path("id").asText()).isEqualTo("2");
        fx.broker.publish(Events.trade("AAA", 2));
        fx.broker.publish(Events.trade("AAA", 3));
        assertThat(c.next().path("seq").asLong()).isEqualTo(2);
        assertThat(c.next().path("seq").asLong()).isEqualTo(3);
        assertThat(c.poll(Duration.ofMillis(300))).isNull();
    }

    @Test
    void wildcardAndTopicListSubscribeEveryMatchingTopic() {
        fx.broker.publish(Events.trade("AAA", 1));
        fx.broker.publish(Events.trade("BBB", 1));
        fx.broker.publish(Events.ticker("AAA", "5"));
        TestWsClient c = fx.connect();
        c.send("{\"type\":\"subscribe\",\"id\":\"w\",\"topic\":\"sim.*.trade\"}");
        List<String> subscribed = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            JsonNode m = c.next();
            if (m.path("type").asText().equals("subscribed")) {
                assertThat(m.path("id").asText()).isEqualTo("w");
                subscribed.add(m.path("topic").asText());
            }
        }
        assertThat(subscribed).containsExactlyInAnyOrder("sim.AAA.trade", "sim.BBB.trade");

        TestWsClient d = fx.connect();
        d.send("{\"type\":\"subscribe\",\"id\":\"l\",\"topics\":[\"sim.AAA.ticker\",\"*.BBB.trade\"]}");
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            JsonNode m = d.next();
            answers.add(m.path("type").asText() + " " + m.path("topic").asText());
        }
        assertThat(answers).containsExactlyInAnyOrder("subscribed sim.AAA.ticker", "snapshot sim.AAA.ticker",
                "subscribed sim.BBB.trade", "snapshot sim.BBB.trade");
    }

    @Test
    void unsubscribeStopsData() {
        fx.broker.publish(Events.trade("AAA", 1));
        fx.broker.publish(Events.trade("BBB", 1));
        TestWsClient c = fx.connect();
        c.send("{\"type\":\"subscribe\",\"topics\":[\"sim.AAA.trade\",\"sim.BBB.trade\"]}");
        for (int i = 0; i < 4; i++) {
            c.next();
        }
        c.send("{\"type\":\"unsubscribe\",\"id\":\"u\",\"topic\":\"sim.AAA.trade\"}");
        JsonNode unsub = c.next();
        assertThat(unsub.path("type").asText()).isEqualTo("unsubscribed");
        assertThat(unsub.path("id").asText()).isEqualTo("u");
        assertThat(unsub.path("topic").asText()).isEqualTo("sim.AAA.trade");
        fx.broker.publish(Events.trade("AAA", 2));
        fx.broker.publish(Events.trade("BBB", 2));
        JsonNode next = c.next();
        assertThat(next.path("topic").asText()).isEqualTo("sim.BBB.trade");
        assertThat(c.poll(Duration.ofMillis(300))).isNull();
        assertThat(fx.metric("tickgate_gateway_subscriptions")).isEqualTo(1);
    }

    @Test
    void heartbeatIsAnswered() {
        TestWsClient c = fx.connect();
        c.send("{\"type\":\"heartbeat\",\"id\":\"h\"}");
        JsonNode hb = c.next();
        assertThat(hb.path("type").asText()).isEqualTo("heartbeat");
        assertThat(hb.path("serverTime").asLong()).isGreaterThan(Events.T0);
    }

    @Test
    void everyBadInputGetsItsErrorAndTheConnectionLivesOn() {
        fx.broker.publish(Events.trade("AAA", 1));
        TestWsClient c = fx.connect();
        assertError(c, "not json at all", null, "INVALID_JSON");
        assertError(c, "[1,2]", null, "INVALID_JSON");
        assertError(c, "{\"type\":\"heartbeat\"} trailing", null, "INVALID_JSON");
        assertError(c, "{\"id\":{\"x\":1},\"type\":\"heartbeat\"}", null, "INVALID_JSON");
        assertError(c, "{\"id\":\"1\"}", "1", "UNKNOWN_MESSAGE_TYPE");
        assertError(c, "{\"id\":\"2\",\"type\":\"dance\"}", "2", "UNKNOWN_MESSAGE_TYPE");
        assertError(c, "{\"id\":\"3\",\"type\":\"subscribe\"}", "3", "INVALID_TOPIC");
        assertError(c, "{\"id\":\"4\",\"type\":\"subscribe\",\"topic\":\"nope\"}", "4", "INVALID_TOPIC");
        assertError(c, "{\"id\":\"5\",\"type\":\"subscribe\",\"topic\":\"sim.AAA.candles\"}", "5", "INVALID_TOPIC");
        assertError(c, "{\"id\":\"6\",\"type\":\"subscribe\",\"topic\":42}", "6", "INVALID_TOPIC");
        assertError(c, "{\"id\":\"7\",\"type\":\"subscribe\",\"topic\":\"sim.ZZZ.trade\"}", "7", "UNKNOWN_TOPIC");
        assertError(c, "{\"id\":\"8\",\"type\":\"subscribe\",\"topic\":\"nowhere.*.trade\"}", "8", "UNKNOWN_TOPIC");
        assertError(c, "{\"id\":\"9\",\"type\":\"subscribe\",\"topics\":[\"sim.AAA.trade\",\"bad\"]}", "9",
                "INVALID_TOPIC");
        assertError(c, "{\"id\":\"10\",\"type\":\"publish\",\"topic\":\"custom.x.y\",\"data\":{}}", "10",
                "FORBIDDEN");
        assertError(c, "{\"id\":\"11\",\"type\":\"subscribe\",\"topic\":\"sim.AAA.trade\",\"resume\":5}", "11",
                "INVALID_JSON");
        c.sendBinary(new byte[] {1, 2, 3});
        JsonNode bin = c.next();
        assertThat(bin.path("code").asText()).isEqualTo("INVALID_JSON");
        assertThat(bin.path("message").asText()).contains("binary");

        c.send("{\"type\":\"subscribe\",\"id\":\"ok\",\"topic\":\"sim.AAA.trade\"}");
        JsonNode sub = c.next();
        assertThat(sub.path("type").asText()).isEqualTo("subscribed");
        assertThat(c.isOpen()).isTrue();
        assertThat(fx.metric("tickgate_gateway_errors_total{code=\"INVALID_TOPIC\"}")).isEqualTo(5);
    }

    @Test
    void tooManySubscriptionsRejectsTheWholeRequest() {
        for (String s : List.of("A1", "A2", "A3", "A4", "A5", "A6")) {
            fx.broker.publish(Events.trade(s, 1));
        }
        TestWsClient c = fx.connect();
        c.send("{\"type\":\"subscribe\",\"topics\":[\"sim.A1.trade\",\"sim.A2.trade\"]}");
        for (int i = 0; i < 4; i++) {
            c.next();
        }
        assertError(c, "{\"id\":\"x\",\"type\":\"subscribe\",\"topic\":\"sim.*.trade\"}", "x",
                "TOO_MANY_SUBSCRIPTIONS");
        fx.broker.publish(Events.trade("A3", 2));
        fx.broker.publish(Events.trade("A1", 2));
        assertThat(c.next().path("topic").asText()).as("nothing of the rejected request").isEqualTo("sim.A1.trade");
    }

    @Test
    void aRequestNamingMoreThanTheLimitIsRefusedBeforeAnyLookupAndRepeatsCountOnce() {
        fx.broker.publish(Events.trade("A1", 1));
        TestWsClient c = fx.connect();
        // six distinct topics (none of them known) against a limit of 5: refused for the count, not looked up
        StringBuilder six = new StringBuilder();
        for (int i = 1; i <= 6; i++) {
            six.append(i == 1 ? "" : ",").append("\"sim.N").append(i).append(".trade\"");
        }
        assertError(c, "{\"id\":\"n\",\"type\":\"subscribe\",\"topics\":[" + six + "]}", "n",
                "TOO_MANY_SUBSCRIPTIONS");
        // the same topic named 50 times is one entry: subscribed once
        String many = String.join(",", java.util.Collections.nCopies(50, "\"sim.A1.trade\""));
        c.send("{\"id\":\"r\",\"type\":\"subscribe\",\"topics\":[" + many + "]}");
        assertThat(c.next().path("type").asText()).isEqualTo("subscribed");
        assertThat(c.next().path("type").asText()).isEqualTo("snapshot");
        fx.broker.publish(Events.trade("A1", 2));
        JsonNode data = c.next();
        assertThat(data.path("type").asText()).as("no second subscribed: %s", data).isEqualTo("data");
    }

    @Test
    void topicPublishedBeforeTheGatewayStartedIsAnsweredWithItsNextMessage() {
        fx.close();
        InProcessBroker broker = new InProcessBroker("ep2");
        broker.publish(Events.trade("OLD", 1)); // known to the broker, never seen by the gateway
        fx = GatewayFixture.start(broker, b -> b);
        TestWsClient c = fx.connect();
        c.send("{\"type\":\"subscribe\",\"id\":\"n\",\"topic\":\"sim.OLD.trade\"}");
        assertThat(c.poll(Duration.ofMillis(300))).as("no state known yet").isNull();
        fx.broker.publish(Events.trade("OLD", 2));
        JsonNode sub = c.next();
        assertThat(sub.path("type").asText()).isEqualTo("subscribed");
        assertThat(sub.path("id").asText()).isEqualTo("n");
        assertThat(sub.path("epoch").asText()).isEqualTo("ep2");
        assertThat(sub.path("seq").asLong()).isEqualTo(2);
        JsonNode snap = c.next();
        assertThat(snap.path("seq").asLong()).isEqualTo(2);
        assertThat(snap.path("data").path("trades").get(0).path("id").asText()).isEqualTo("2");
        fx.broker.publish(Events.trade("OLD", 3));
        assertThat(c.next().path("seq").asLong()).isEqualTo(3);
    }

    private static void assertError(TestWsClient c, String send, String id, String code) {
        c.send(send);
        JsonNode e = c.next();
        assertThat(e.path("type").asText()).as("answer to %s", send).isEqualTo("error");
        assertThat(e.path("code").asText()).as("answer to %s", send).isEqualTo(code);
        assertThat(e.path("message").asText()).isNotBlank();
        if (id == null) {
            assertThat(e.has("id")).isFalse();
        } else {
            assertThat(e.path("id").asText()).isEqualTo(id);
        }
    }
}
