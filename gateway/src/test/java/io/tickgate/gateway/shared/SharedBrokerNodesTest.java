package io.tickgate.gateway.shared;

import static io.tickgate.gateway.shared.SharedNodes.assertType;
import static io.tickgate.gateway.shared.SharedNodes.awaitHead;
import static io.tickgate.gateway.shared.SharedNodes.awaitKnown;
import static io.tickgate.gateway.shared.SharedNodes.resume;
import static io.tickgate.gateway.shared.SharedNodes.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickgate.bus.api.Broker;
import io.tickgate.bus.testing.TestRedis;
import io.tickgate.gateway.testsupport.Events;
import io.tickgate.gateway.testsupport.GatewayFixture;
import io.tickgate.gateway.testsupport.TestWsClient;
import io.tickgate.model.topic.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two gateway nodes on one shared Redis deployment, fed by a producer publishing into the engine (as a node with the
 * feeds would): clients on either node get identical snapshots and every seq exactly once, a client that leaves node
 * A resumes on node B without gap or duplicate, and a pattern subscription on B picks up a topic first published
 * after it. Subclasses pick standalone Redis or a Redis Cluster.
 */
@Timeout(120)
abstract class SharedBrokerNodesTest {

    private static final String BOOK = "sim.AAA.book";
    private static final String TRADE = "sim.AAA.trade";

    private SharedNodes nodes;
    private Broker producer;
    private GatewayFixture a;
    private GatewayFixture b;

    protected abstract TestRedis redis();

    @BeforeEach
    void start() {
        nodes = new SharedNodes(redis());
        nodes.flush();
        producer = nodes.broker();
        a = nodes.gateway();
        b = nodes.gateway();
    }

    @AfterEach
    void stop() {
        nodes.close();
    }

    @Test
    void clientsOnBothNodesGetTheSameSnapshotsThenEverySeqExactlyOnce() {
        producer.publish(Events.bookSnapshot("AAA", List.of("100:1", "99:2", "98:3"), List.of("101:1", "102:2"), 1));
        for (int i = 1; i <= 40; i++) {
            producer.publish(Events.bookDelta("AAA", List.of((90 + i % 9) + ":" + i), List.of(), 1 + i));
            producer.publish(Events.trade("AAA", i));
        }
        awaitHead(producer, Topic.parse(BOOK), 41);
        awaitHead(producer, Topic.parse(TRADE), 40);
        awaitKnown(a, BOOK);
        awaitKnown(b, BOOK);

        List<TestWsClient> clients = List.of(a.connect(), b.connect());
        Map<String, JsonNode> firstSnapshots = new HashMap<>();
        for (TestWsClient c : clients) {
            for (String topic : List.of(BOOK, TRADE)) {
                c.send(subscribe("s", topic));
                assertType(c.next(), "subscribed", topic);
                JsonNode snap = c.next();
                assertType(snap, "snapshot", topic);
                JsonNode other = firstSnapshots.putIfAbsent(topic, snap);
                if (other != null) {
                    assertThat(snap).as("the same snapshot on both nodes").isEqualTo(other);
                }
            }
        }
        assertThat(firstSnapshots.get(BOOK).path("seq").asLong()).isEqualTo(41);
        assertThat(firstSnapshots.get(TRADE).path("data").path("trades")).hasSize(SharedNodes.TRADE_SNAPSHOT);

        for (int i = 41; i <= 240; i++) {
            producer.publish(Events.bookDelta("AAA", List.of((90 + i % 9) + ":" + i), List.of(), 1 + i));
            producer.publish(Events.trade("AAA", i));
        }
        for (TestWsClient c : clients) {
            Map<String, List<Long>> seqs = readUntil(c, Map.of(BOOK, 241L, TRADE, 240L));
            assertThat(seqs.get(BOOK)).as("book seqs, each once, in order").isEqualTo(range(42, 241));
            assertThat(seqs.get(TRADE)).as("trade seqs, each once, in order").isEqualTo(range(41, 240));
        }

        TestWsClient lateA = a.connect();
        TestWsClient lateB = b.connect();
        lateA.send(subscribe("l", BOOK));
        lateB.send(subscribe("l", BOOK));
        lateA.next();
        lateB.next();
        assertThat(lateB.next()).as("the same book on both nodes at the end").isEqualTo(lateA.next());
    }

    @Test
    void aClientThatLeavesNodeAResumesOnNodeBWithoutGapOrDuplicate() {
        producer.publish(Events.trade("AAA", 1));
        awaitHead(producer, Topic.parse(TRADE), 1);
        awaitKnown(a, TRADE);
        TestWsClient onA = a.connect();
        onA.send(subscribe("s", TRADE));
        JsonNode subscribed = onA.next();
        String epoch = subscribed.path("epoch").asText();
        onA.next();
        for (int i = 2; i <= 30; i++) {
            producer.publish(Events.trade("AAA", i));
        }
        assertThat(readUntil(onA, Map.of(TRADE, 30L)).get(TRADE)).isEqualTo(range(2, 30));
        onA.close();
        for (int i = 31; i <= 60; i++) {
            producer.publish(Events.trade("AAA", i));
        }
        awaitHead(producer, Topic.parse(TRADE), 60);

        // node B has no client on the topic: its answer comes from the engine's history
        awaitKnown(b, TRADE);
        TestWsClient onB = b.connect();
        onB.send(resume(TRADE, epoch, 30));
        JsonNode resumed = onB.next();
        assertType(resumed, "subscribed", TRADE);
        assertThat(resumed.path("resumed").asBoolean()).as(resumed.toString()).isTrue();
        assertThat(resumed.path("epoch").asText()).isEqualTo(epoch);
        for (int i = 61; i <= 80; i++) {
            producer.publish(Events.trade("AAA", i));
        }
        List<Long> seqs = readUntil(onB, Map.of(TRADE, 80L)).get(TRADE);
        assertThat(seqs).as("31..80 exactly once, in order").isEqualTo(range(31, 80));
        assertThat(b.metric("tickgate_gateway_hub_broker_history_total{result=\"replayed\"}")).isEqualTo(1);

        // and again on B, which now follows the topic: from its own history
        onB.close();
        TestWsClient again = b.connect();
        again.send(resume(TRADE, epoch, 70));
        assertThat(again.next().path("resumed").asBoolean()).isTrue();
        assertThat(readUntil(again, Map.of(TRADE, 80L)).get(TRADE)).isEqualTo(range(71, 80));
        assertThat(b.metric("tickgate_gateway_hub_broker_history_total{result=\"replayed\"}")).as("local")
                .isEqualTo(1);
    }

    @Test
    void aPatternSubscriptionOnNodeBGetsATopicFirstPublishedAfterIt() {
        producer.publish(Events.ticker("AAA", "100"));
        awaitHead(producer, Topic.parse("sim.AAA.ticker"), 1);
        awaitKnown(b, "sim.AAA.ticker");
        TestWsClient c = b.connect();
        c.send("{\"type\":\"subscribe\",\"id\":\"p\",\"topic\":\"sim.*.ticker\"}");
        assertType(c.next(), "subscribed", "sim.AAA.ticker");
        assertType(c.next(), "snapshot", "sim.AAA.ticker");

        producer.publish(Events.ticker("NEW", "200"));
        JsonNode sub = c.next(Duration.ofSeconds(20));
        assertType(sub, "subscribed", "sim.NEW.ticker");
        assertThat(sub.path("id").asText()).isEqualTo("p");
        JsonNode snap = c.next();
        assertType(snap, "snapshot", "sim.NEW.ticker");
        assertThat(snap.path("data").path("last").asText()).isEqualTo("200");
        producer.publish(Events.ticker("NEW", "201"));
        JsonNode live = c.next();
        assertType(live, "data", "sim.NEW.ticker");
        assertThat(live.path("seq").asLong()).isEqualTo(2);
    }

    /**
     * A topic a node with feeds declares (configured, not published yet) is accepted by that node's gateway before its
     * first message; node B, without feeds, must accept it too (not refuse it as UNKNOWN_TOPIC, which clients do not
     * retry): the declaring node lists it in the engine's topic directory. Both clients get the topic with its first
     * message.
     */
    @Test
    void aTopicDeclaredByANodeWithFeedsIsAcceptedOnEveryNodeBeforeItsFirstMessage() {
        String declared = "sim.DDD.trade";
        GatewayFixture feedNode = nodes.gateway(List.of(Topic.parse(declared)));
        // no wait for node B to hear of it: B asks the directory, which lists it before feedNode's gateway listens
        List<TestWsClient> clients = List.of(feedNode.connect(), b.connect());
        for (TestWsClient c : clients) {
            c.send(subscribe("d", declared));
            assertThat(c.poll(Duration.ofMillis(300))).as("no answer (no error) before the first message").isNull();
        }
        producer.publish(Events.trade("DDD", 1));
        for (TestWsClient c : clients) {
            JsonNode sub = c.next(Duration.ofSeconds(20));
            assertType(sub, "subscribed", declared);
            assertThat(sub.path("seq").asLong()).isEqualTo(1);
            assertType(c.next(), "snapshot", declared);
        }
    }

    /** Reads data messages until each topic reached its seq; the seqs seen per topic (snapshots fail the test). */
    private static Map<String, List<Long>> readUntil(TestWsClient c, Map<String, Long> last) {
        Map<String, List<Long>> seen = new HashMap<>();
        for (String t : last.keySet()) {
            seen.put(t, new ArrayList<>());
        }
        while (last.entrySet().stream().anyMatch(e -> {
            List<Long> s = seen.get(e.getKey());
            return s.isEmpty() || s.get(s.size() - 1) < e.getValue();
        })) {
            JsonNode m = c.next(Duration.ofSeconds(20));
            assertThat(m.path("type").asText()).as(m.toString()).isEqualTo("data");
            seen.get(m.path("topic").asText()).add(m.path("seq").asLong());
        }
        return seen;
    }

    private static List<Long> range(long from, long to) {
        List<Long> out = new ArrayList<>();
        for (long s = from; s <= to; s++) {
            out.add(s);
        }
        return out;
    }
}
