package io.tickgate.bus.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickgate.bus.api.Broker;
import io.tickgate.bus.testing.NodeBrokers;
import io.tickgate.model.topic.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every engine's registry does, with two nodes on two brokers sharing one store (in-process: one broker).
 * Heartbeats every 100 ms (entries live 300 ms past the last one).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class PresenceContractTest {

    protected static final long HEARTBEAT = 100;
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final NodeBrokers brokers = new NodeBrokers();

    /** A broker (a node's engine) on the shared store; closed after the test. */
    protected abstract Broker openBroker();

    protected final Broker broker() {
        return brokers.track(openBroker());
    }

    @AfterEach
    void closeBrokers() {
        brokers.close();
    }

    /** A Redis broker on {@code url}, once it is ready. */
    protected static Broker redisBroker(String url) {
        return NodeBrokers.redis(url);
    }

    protected static NodeInfo node(String id) {
        return new NodeInfo(id + "-" + System.nanoTime(), "127.0.0.1:" + id.length(), 1_000, HEARTBEAT);
    }

    protected static ConnectionEntry conn(PresenceNode n, String id, String user) {
        return new ConnectionEntry(id, n.nodeId(), user, "127.0.0.1:5" + id.length(), 2_000);
    }

    @Test
    void listsNodesUsersAndTopicSubscribersAcrossNodes() {
        Broker a = broker();
        Broker b = broker();
        Topic t = Topic.parse("custom.signals.alpha");
        try (PresenceNode na = a.presence().join(node("a")); PresenceNode nb = b.presence().join(node("b"))) {
            na.connectionOpened(conn(na, "c1", "alice"));
            na.connectionOpened(conn(na, "c2", null));
            nb.connectionOpened(conn(nb, "c3", "alice"));
            nb.connectionOpened(conn(nb, "c4", "bob"));
            na.subscribed(t);
            na.subscribed(t);
            nb.subscribed(t);
            nb.subscribed(Topic.parse("sim.AAPL.trade"));
            na.unsubscribed(t);
            na.subscribed(t);

            await().atMost(WAIT).untilAsserted(() -> {
                List<NodeStatus> nodes = a.presence().nodes().get();
                assertThat(nodes).extracting(NodeStatus::id).containsExactlyInAnyOrder(na.nodeId(), nb.nodeId());
                assertThat(nodes).allSatisfy(s -> assertThat(s.connections()).isEqualTo(2));
                assertThat(nodes).allSatisfy(s -> assertThat(s.startedAt()).isEqualTo(1_000));
                assertThat(nodes).allSatisfy(s -> assertThat(s.lastHeartbeat()).isPositive());
            });
            await().atMost(WAIT).untilAsserted(() -> {
                List<ConnectionEntry> alice = b.presence().userConnections("alice").get();
                assertThat(alice).extracting(ConnectionEntry::connectionId).containsExactlyInAnyOrder("c1", "c3");
                assertThat(alice).extracting(ConnectionEntry::user).containsOnly("alice");
                assertThat(b.presence().userConnections("nobody").get()).isEmpty();
                TopicPresence p = b.presence().topic(t).get();
                assertThat(p.subscribers()).isEqualTo(3);
                assertThat(p.byNode()).isEqualTo(Map.of(na.nodeId(), 2L, nb.nodeId(), 1L));
            });

            nb.connectionClosed("c3");
            nb.unsubscribed(t);
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(a.presence().userConnections("alice").get()).extracting(ConnectionEntry::connectionId)
                        .containsExactly("c1");
                assertThat(a.presence().topic(t).get().byNode()).isEqualTo(Map.of(na.nodeId(), 2L));
            });
        }
    }

    @Test
    void aNodeThatLeavesCleanlyIsGoneAtOnce() throws Exception {
        Broker a = broker();
        Broker b = broker();
        try (PresenceNode na = a.presence().join(node("a"))) {
            PresenceNode nb = b.presence().join(node("b"));
            nb.connectionOpened(conn(nb, "c9", "carol"));
            await().atMost(WAIT).until(() -> a.presence().userConnections("carol").get().size() == 1);
            nb.close();
            // no waiting for a TTL: the entries are removed when close returns
            assertThat(a.presence().nodes().get()).extracting(NodeStatus::id).containsExactly(na.nodeId());
            assertThat(a.presence().userConnections("carol").get()).isEmpty();
        }
    }

    @Test
    void controlCommandsReachEveryNode() throws Exception {
        Broker a = broker();
        Broker b = broker();
        List<String> got = new CopyOnWriteArrayList<>();
        try (PresenceNode na = a.presence().join(node("a")); PresenceNode nb = b.presence().join(node("b"))) {
            na.onCommand(c -> got.add("a:" + c.kind() + ":" + c.user() + ":" + c.reason()));
            nb.onCommand(c -> got.add("b:" + c.kind() + ":" + c.user() + ":" + c.reason()));
            await().atMost(WAIT).until(() -> a.presence().problem() == null && b.presence().problem() == null);
            a.presence().send(ControlCommand.disconnectUser("alice", "bye")).get();
            await().atMost(WAIT).untilAsserted(() -> assertThat(got).containsExactlyInAnyOrder(
                    "a:disconnect-user:alice:bye", "b:disconnect-user:alice:bye"));
        }
    }
}
