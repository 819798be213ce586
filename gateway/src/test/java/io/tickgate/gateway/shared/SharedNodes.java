package io.tickgate.gateway.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tickgate.bus.Brokers;
import io.tickgate.bus.api.Broker;
import io.tickgate.bus.api.BrokerSettings;
import io.tickgate.bus.testing.Resp;
import io.tickgate.bus.testing.TestRedis;
import io.tickgate.gateway.testsupport.GatewayFixture;
import io.tickgate.model.topic.Topic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Gateway nodes and a producer on one test-owned Redis deployment; closes what it opened. */
final class SharedNodes implements AutoCloseable {

    static final int TRADE_SNAPSHOT = 5;

    private final TestRedis redis;
    private final List<AutoCloseable> opened = new ArrayList<>();

    SharedNodes(TestRedis redis) {
        this.redis = redis;
    }

    /** Empties every server (tests of a class share the deployment). */
    void flush() {
        for (int port : redis.ports()) {
            try {
                Resp.call(port, "FLUSHALL");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The engine's settings as the gateway's would make them (trade image = trade snapshot size). */
    static BrokerSettings settings() {
        return BrokerSettings.builder().tradeStateSize(TRADE_SNAPSHOT).eventHistory(1_000, 60_000)
                .stateHistory(1_000, 60_000).commandTimeoutMillis(1_000).build();
    }

    /** A broker node on the deployment, connected. */
    Broker broker() {
        Broker b = Brokers.open(redis.url(), settings(), new SimpleMeterRegistry());
        opened.add(b);
        await().atMost(Duration.ofSeconds(20)).until(b::ready);
        return b;
    }

    /** A gateway node on its own broker connection (the fixture closes it), once connected. */
    GatewayFixture gateway() {
        return gateway(true);
    }

    /** A gateway node on its own broker connection; {@code awaitReady}: once the broker connected. */
    GatewayFixture gateway(boolean awaitReady) {
        return gateway(awaitReady, List.of());
    }

    /**
     * A gateway node whose configuration declares {@code declared} (as a node with feeds does), once its broker
     * connected.
     */
    GatewayFixture gateway(Collection<Topic> declared) {
        return gateway(true, declared);
    }

    private GatewayFixture gateway(boolean awaitReady, Collection<Topic> declared) {
        Broker b = Brokers.open(redis.url(), settings(), new SimpleMeterRegistry());
        GatewayFixture fx = GatewayFixture.onSharedBroker(b, c -> c.tradeSnapshotSize(TRADE_SNAPSHOT)
                .eventHistory(1_000, 60_000).stateHistory(1_000, 60_000).hubLingerMillis(1_000)
                .declaredTopics(declared));
        opened.add(fx);
        if (awaitReady) {
            await().atMost(Duration.ofSeconds(20)).until(b::ready);
        }
        return fx;
    }

    /** Waits until the engine's head of {@code topic} is {@code seq} (everything published is stored). */
    static void awaitHead(Broker b, Topic topic, long seq) {
        await().atMost(Duration.ofSeconds(20)).until(() -> b.history(topic, "?", 0).get().headSeq() == seq);
    }

    /** Waits until {@code node}'s hub knows {@code topic} (the directory read after connecting is asynchronous). */
    static void awaitKnown(GatewayFixture node, String topic) {
        await().atMost(Duration.ofSeconds(20)).until(() -> node.get("/api/v1/topics").body()
                .contains("\"" + topic + "\""));
    }

    static String subscribe(String id, String topic) {
        return "{\"type\":\"subscribe\",\"id\":\"" + id + "\",\"topic\":\"" + topic + "\"}";
    }

    static String resume(String topic, String epoch, long seq) {
        return "{\"type\":\"subscribe\",\"id\":\"r\",\"topic\":\"" + topic + "\",\"resume\":{\"epoch\":\"" + epoch
                + "\",\"seq\":" + seq + "}}";
    }

    static void assertType(JsonNode m, String type, String topic) {
        assertThat(m.path("type").asText()).as(m.toString()).isEqualTo(type);
        assertThat(m.path("topic").asText()).as(m.toString()).isEqualTo(topic);
    }

    @Override
    public void close() {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                // closing what is left
            }
        }
        opened.clear();
    }
}
