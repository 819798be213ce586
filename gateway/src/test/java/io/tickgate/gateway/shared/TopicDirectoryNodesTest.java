package io.tickgate.gateway.shared;

import static io.tickgate.gateway.shared.SharedNodes.assertType;
import static io.tickgate.gateway.shared.SharedNodes.awaitHead;
import static io.tickgate.gateway.shared.SharedNodes.awaitKnown;
import static io.tickgate.gateway.shared.SharedNodes.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickgate.bus.api.Broker;
import io.tickgate.bus.testing.Resp;
import io.tickgate.bus.testing.TestRedis;
import io.tickgate.gateway.testsupport.Events;
import io.tickgate.gateway.testsupport.GatewayFixture;
import io.tickgate.gateway.testsupport.TestWsClient;
import io.tickgate.model.topic.Topic;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A node that has not heard of a topic yet (its announcement not arrived, the directory read before it was listed)
 * asks the engine's topic directory before refusing a subscribe with UNKNOWN_TOPIC, and answers the connection's
 * later requests only after it; a topic no node has is still refused. And a node with feeds lists its declared topics
 * in the directory before its gateway accepts clients. Subclasses pick standalone Redis or a Redis Cluster.
 */
@Timeout(120)
abstract class TopicDirectoryNodesTest {

    private static final String DIRECTORY = "tg:topics";
    private static final String TOPIC = "sim.ZZZ.trade";

    private SharedNodes nodes;
    private Broker producer;

    protected abstract TestRedis redis();

    @BeforeEach
    void start() {
        nodes = new SharedNodes(redis());
        nodes.flush();
        producer = nodes.broker();
    }

    @AfterEach
    void stop() {
        nodes.close();
    }

    @Test
    void aTopicOnlyTheDirectoryListsIsSubscribedAndLaterRequestsAreAnsweredAfterIt() {
        for (int i = 1; i <= 3; i++) {
            producer.publish(Events.trade("ZZZ", i));
        }
        awaitHead(producer, Topic.parse(TOPIC), 3);
        GatewayFixture node = nodeThatHasNotHeardOf(TOPIC);

        TestWsClient c = node.connect();
        c.send(subscribe("s", TOPIC));
        // in order after the subscribe: it leaves the topic again (had it been handled first, it would have found
        // nothing to leave and the subscribe would stand), then subscribes anew
        c.send("{\"type\":\"unsubscribe\",\"id\":\"u\",\"topic\":\"" + TOPIC + "\"}");
        c.send(subscribe("again", TOPIC));
        List<String> answers = new ArrayList<>();
        JsonNode m;
        do {
            m = c.next();
            assertThat(m.path("topic").asText()).as(m.toString()).isEqualTo(TOPIC);
            answers.add(m.path("type").asText() + ":" + m.path("id").asText(""));
        } while (!answers.get(answers.size() - 1).equals("snapshot:") || !answers.contains("subscribed:again"));
        // the first subscribe's state may come before the unsubscribe reaches the topic, or be left unanswered
        assertThat(answers).as("in request order").isIn(
                List.of("unsubscribed:u", "subscribed:again", "snapshot:"),
                List.of("subscribed:s", "snapshot:", "unsubscribed:u", "subscribed:again", "snapshot:"));

        producer.publish(Events.trade("ZZZ", 4));
        JsonNode data = c.next(Duration.ofSeconds(20));
        assertType(data, "data", TOPIC);
        assertThat(data.path("seq").asLong()).isEqualTo(4);
    }

    @Test
    void aPatternMatchingNothingHereFindsTheDirectorysTopics() {
        producer.publish(Events.trade("ZZZ", 1));
        awaitHead(producer, Topic.parse(TOPIC), 1);
        GatewayFixture node = nodeThatHasNotHeardOf(TOPIC);

        TestWsClient c = node.connect();
        c.send(subscribe("p", "sim.*.trade"));
        JsonNode sub = c.next();
        assertType(sub, "subscribed", TOPIC);
        assertThat(sub.path("id").asText()).isEqualTo("p");
        assertType(c.next(), "snapshot", TOPIC);
    }

    /** The refusals come after the directory answered, and the heartbeat sent after them after them. */
    @Test
    void aTopicNoNodeHasIsStillUnknown() {
        GatewayFixture node = nodes.gateway();
        TestWsClient c = node.connect();
        c.send(subscribe("x", "sim.NOPE.trade"));
        c.send(subscribe("y", "sim.*.ticker"));
        c.send("{\"type\":\"heartbeat\",\"id\":\"h\"}");
        for (String id : List.of("x", "y")) {
            JsonNode err = c.next();
            assertThat(err.path("type").asText()).as(err.toString()).isEqualTo("error");
            assertThat(err.path("id").asText()).isEqualTo(id);
            assertThat(err.path("code").asText()).isEqualTo("UNKNOWN_TOPIC");
            assertThat(err.path("message").asText()).contains("published or declared");
        }
        assertThat(c.next().path("id").asText()).isEqualTo("h");
    }

    /** The feed node's declared topics are in the directory once its gateway started (before any client). */
    @Test
    void aNodeWithFeedsListsItsDeclaredTopicsBeforeItsGatewayAcceptsClients() throws IOException {
        String declared = "sim.DDD.trade";
        nodes.gateway(List.of(Topic.parse(declared)));
        assertThat(directory("SISMEMBER", declared)).as("in the directory when the gateway started").isEqualTo(1L);
    }

    /**
     * A gateway node that has read the directory and will not hear of {@code topic} by announcement: the topic is
     * taken out of the directory while the node starts, then put back without an announcement (as if the node
     * with its feed declared it just now, its announcement still on the way).
     */
    private GatewayFixture nodeThatHasNotHeardOf(String topic) {
        try {
            directory("SREM", topic);
            String marker = "sim.MARK.ticker";
            directory("SADD", marker);
            GatewayFixture node = nodes.gateway();
            awaitKnown(node, marker); // the node's directory read is done
            directory("SADD", topic);
            assertThat(node.get("/api/v1/topics").body()).as("not known on the node").doesNotContain(topic);
            return node;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A command on the directory key, sent to the server that holds it (the others answer MOVED). */
    private Object directory(String command, String member) throws IOException {
        IOException last = null;
        for (int port : redis().ports()) {
            try {
                return Resp.call(port, command, DIRECTORY, member);
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }
}
