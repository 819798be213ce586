package io.tickgate.gateway.shared;

import static io.tickgate.gateway.shared.SharedNodes.assertType;
import static io.tickgate.gateway.shared.SharedNodes.awaitHead;
import static io.tickgate.gateway.shared.SharedNodes.awaitKnown;
import static io.tickgate.gateway.shared.SharedNodes.resume;
import static io.tickgate.gateway.shared.SharedNodes.subscribe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickgate.bus.api.Broker;
import io.tickgate.bus.testing.TestRedis;
import io.tickgate.gateway.testsupport.Events;
import io.tickgate.gateway.testsupport.GatewayFixture;
import io.tickgate.gateway.testsupport.TestWsClient;
import io.tickgate.model.topic.Topic;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Redis stopped and restarted empty while a gateway node serves clients: {@code /ready} turns 503 naming the broker
 * and back to 200 by itself; a connected client gets the topic's new epoch as a live snapshot and continues without
 * a gap; a client resuming with the lost epoch gets {@code resumed:false} and a snapshot; nothing crashes. Subclasses
 * pick standalone Redis or a Redis Cluster.
 */
@Timeout(120)
abstract class SharedBrokerRestartTest {

    private static final String TRADE = "sim.AAA.trade";
    private static final String BOOK = "sim.AAA.book";

    private SharedNodes nodes;

    protected abstract TestRedis redis();

    @BeforeEach
    void start() {
        redis().start();
        nodes = new SharedNodes(redis());
        nodes.flush();
    }

    @AfterEach
    void stop() {
        nodes.close();
    }

    @Test
    void redisUnreachableAtStartMakesTheNodeUnreadyNamingTheBrokerUntilItComes() {
        redis().stop();
        GatewayFixture node = nodes.gateway(false);
        HttpResponse<String> ready = node.get("/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("broker").contains("unreachable");
        redis().start();
        await().atMost(Duration.ofSeconds(30)).until(() -> node.get("/ready").statusCode() == 200);
    }

    @Test
    void redisRestartedEmptyGivesNewEpochsAndSnapshotsAndReadinessFollowsIt() {
        Broker producer = nodes.broker();
        GatewayFixture node = nodes.gateway();
        producer.publish(Events.bookSnapshot("AAA", java.util.List.of("100:1"), java.util.List.of("101:1"), 1));
        for (int i = 1; i <= 10; i++) {
            producer.publish(Events.trade("AAA", i));
        }
        awaitHead(producer, Topic.parse(TRADE), 10);
        awaitKnown(node, TRADE);
        TestWsClient c = node.connect();
        c.send(subscribe("t", TRADE));
        JsonNode subscribed = c.next();
        String oldEpoch = subscribed.path("epoch").asText();
        assertThat(subscribed.path("seq").asLong()).isEqualTo(10);
        assertType(c.next(), "snapshot", TRADE);
        c.send(subscribe("b", BOOK));
        assertType(c.next(), "subscribed", BOOK);
        assertType(c.next(), "snapshot", BOOK);
        assertThat(node.get("/ready").statusCode()).isEqualTo(200);

        redis().stop();
        await().atMost(Duration.ofSeconds(20)).until(() -> node.get("/ready").statusCode() == 503);
        assertThat(node.get("/ready").body()).contains("broker");
        redis().start();
        await().atMost(Duration.ofSeconds(30)).until(() -> node.get("/ready").statusCode() == 200);

        // the producer goes on (its ids continue); Redis numbers them in a new epoch
        AtomicLong id = new AtomicLong(10);
        JsonNode fresh = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (fresh == null && System.nanoTime() < deadline) {
            producer.publish(Events.trade("AAA", id.incrementAndGet()));
            JsonNode m = c.poll(Duration.ofMillis(100));
            while (m != null && fresh == null) {
                if (m.path("type").asText().equals("snapshot") && m.path("topic").asText().equals(TRADE)) {
                    fresh = m;
                } else {
                    assertThat(m.path("epoch").asText()).as("nothing of the lost epoch after the restart: " + m)
                            .isNotEqualTo(oldEpoch).isNotEmpty();
                    m = c.poll(Duration.ofMillis(10));
                }
            }
        }
        assertThat(fresh).as("a live snapshot of the new epoch").isNotNull();
        String newEpoch = fresh.path("epoch").asText();
        assertThat(newEpoch).isNotEqualTo(oldEpoch);
        long seq = fresh.path("seq").asLong();
        producer.publish(Events.trade("AAA", id.incrementAndGet()));
        JsonNode next;
        do {
            next = c.next(Duration.ofSeconds(20));
        } while (!next.path("topic").asText().equals(TRADE));
        assertType(next, "data", TRADE);
        assertThat(next.path("epoch").asText()).isEqualTo(newEpoch);
        assertThat(next.path("seq").asLong()).as("no gap after the snapshot").isEqualTo(seq + 1);

        TestWsClient back = node.connect();
        back.send(resume(TRADE, oldEpoch, 10));
        JsonNode answer = back.next();
        assertType(answer, "subscribed", TRADE);
        assertThat(answer.path("resumed").asBoolean()).isFalse();
        assertThat(answer.path("epoch").asText()).isEqualTo(newEpoch);
        assertType(back.next(), "snapshot", TRADE);
        assertThat(c.isOpen()).isTrue();
        assertThat(node.metric("tickgate_gateway_hub_resyncs_total")).isGreaterThanOrEqualTo(1);
    }

    /**
     * A node started after Redis came back empty knows only the topic directory, which the restart emptied. The
     * producer puts its topics back as soon as it has reconnected, not with each topic's next publish (a sharded feed
     * publishes again only once it holds its lease again, seconds later; a quiet topic much later): a client that
     * moves to the new node meanwhile is accepted, not refused as UNKNOWN_TOPIC (which clients do not retry), and
     * gets {@code resumed:false} and the new epoch's snapshot with the topic's first message.
     */
    @Test
    void aNodeStartedAfterRedisRestartedEmptyKnowsTheTopicsBeforeTheirNextPublish() {
        Broker producer = nodes.broker();
        for (int i = 1; i <= 3; i++) {
            producer.publish(Events.trade("AAA", i));
        }
        awaitHead(producer, Topic.parse(TRADE), 3);
        String oldEpoch = epochOf(producer);

        redis().stop();
        await().atMost(Duration.ofSeconds(20)).until(() -> !producer.ready());
        redis().start();
        await().atMost(Duration.ofSeconds(30)).until(producer::ready);
        GatewayFixture late = nodes.gateway();
        // nothing is published after the restart until the client's resume is in
        awaitKnown(late, TRADE);
        TestWsClient c = late.connect();
        c.send(resume(TRADE, oldEpoch, 3));
        assertThat(c.poll(Duration.ofMillis(500))).as("no answer (no error) before the topic's first message")
                .isNull();
        producer.publish(Events.trade("AAA", 4));
        JsonNode answer = c.next(Duration.ofSeconds(20));
        assertType(answer, "subscribed", TRADE);
        assertThat(answer.path("resumed").asBoolean()).isFalse();
        assertThat(answer.path("epoch").asText()).isNotEqualTo(oldEpoch);
        JsonNode snapshot = c.next();
        assertType(snapshot, "snapshot", TRADE);
        assertThat(snapshot.path("epoch").asText()).isEqualTo(answer.path("epoch").asText());
    }

    private static String epochOf(Broker b) {
        try {
            return b.history(Topic.parse(TRADE), "?", 0).get().epoch();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
