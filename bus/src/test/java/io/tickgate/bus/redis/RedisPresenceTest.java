package io.tickgate.bus.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickgate.bus.api.Broker;
import io.tickgate.bus.presence.ConnectionEntry;
import io.tickgate.bus.presence.NodeStatus;
import io.tickgate.bus.presence.PresenceContractTest;
import io.tickgate.bus.presence.PresenceNode;
import io.tickgate.bus.testing.RedisExtension;
import io.tickgate.model.topic.Topic;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The registry contract on a test-owned Redis, plus what only a shared store can show: expiry and recovery. */
class RedisPresenceTest extends PresenceContractTest {

    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.standalone();

    @Override
    protected Broker openBroker() {
        return redisBroker(REDIS.url());
    }

    @Test
    void aNodeThatStopsHeartbeatingExpires() {
        Broker a = broker();
        RedisBroker dying = (RedisBroker) broker();
        try (PresenceNode na = a.presence().join(node("a"))) {
            PresenceNode nd = dying.presence().join(node("dead"));
            nd.connectionOpened(conn(nd, "c1", "dave"));
            nd.subscribed(Topic.parse("custom.x.y"));
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    a.presence().userConnections("dave").get().size() == 1
                            && a.presence().topic(Topic.parse("custom.x.y")).get().subscribers() == 1);
            dying.presence().stopHeartbeats(); // as a crash: nothing is removed
            // gone within the TTL (300 ms) after the last heartbeat, from every answer
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(a.presence().nodes().get()).extracting(NodeStatus::id).containsExactly(na.nodeId());
                assertThat(a.presence().userConnections("dave").get()).isEmpty();
                assertThat(a.presence().topic(Topic.parse("custom.x.y")).get().subscribers()).isZero();
            });
        }
    }

    @Test
    void aNodeWritesItsEntriesAgainAfterRedisRestartedEmpty() {
        Broker a = broker();
        try (PresenceNode na = a.presence().join(node("a"))) {
            na.connectionOpened(conn(na, "c1", "erin"));
            await().atMost(Duration.ofSeconds(10)).until(() -> a.presence().userConnections("erin").get().size() == 1);
            REDIS.redis().stop();
            REDIS.redis().start(); // no persistence: empty
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
                assertThat(a.presence().userConnections("erin").get()).extracting(ConnectionEntry::connectionId)
                        .containsExactly("c1");
                assertThat(a.presence().nodes().get()).extracting(NodeStatus::id).containsExactly(na.nodeId());
            });
        }
    }
}
