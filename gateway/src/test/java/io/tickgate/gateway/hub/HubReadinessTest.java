package io.tickgate.gateway.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.tickgate.bus.local.InProcessBroker;
import io.tickgate.gateway.codec.ServerMessageEncoder;
import io.tickgate.gateway.health.Readiness;
import io.tickgate.gateway.metrics.GatewayMetrics;
import io.tickgate.gateway.testsupport.Events;
import io.tickgate.model.topic.Topic;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The hub's readiness check sees a shard thread that died and a shard queue that filled up (and drained again). */
@Timeout(30)
class HubReadinessTest {

    private static final Topic TOPIC = Topic.parse("sim.AAA.trade");

    private final InProcessBroker broker = new InProcessBroker("ep1");
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final TopicHub hub = new TopicHub(broker, new TopicHub.Settings(1, 20, 10, 10, 100, 60_000, 100, 60_000),
            new ServerMessageEncoder(PooledByteBufAllocator.DEFAULT), new GatewayMetrics(registry)).start();
    private final Readiness readiness = new Readiness();

    @AfterEach
    void stop() {
        hub.close();
        broker.close();
    }

    @Test
    void aShardThreadKilledByAnErrorFailsReadiness() {
        broker.subscribe(hub);
        readiness.register("hub", hub::problem);
        assertThat(readiness.failures()).isEmpty();
        hub.subscribe(TOPIC, (frame, ingestNanos) -> {
            frame.release();
            throw new AssertionError("simulated fatal error on the shard thread (expected in this test)");
        }, null, null);
        broker.publish(Events.trade("AAA", 1));
        // the shard thread dies of an uncaught Error on purpose: Awaitility must not turn that into a failure
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(10))
                .until(() -> !readiness.failures().isEmpty());
        assertThat(readiness.failures()).singleElement()
                .satisfies(f -> assertThat(f.reason()).isEqualTo("hub shard 0 thread stopped"));
        // the dead shard gave its topics' buffers back: the message it had kept in history is gone
        assertThat(registry.get("tickgate.gateway.history.size").gauge().value()).isZero();
    }

    @Test
    void aFullShardQueueFailsReadinessUntilItDrains() throws Exception {
        broker.subscribe(hub);
        readiness.register("hub", hub::problem);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        hub.subscribe(TOPIC, (ByteBuf frame, long ingestNanos) -> {
            frame.release();
            blocked.countDown();
            try {
                release.await(20, TimeUnit.SECONDS); // a stuck shard thread
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return true;
        }, null, null);
        broker.publish(Events.trade("AAA", 1));
        assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 2; i <= 30; i++) {
            broker.publish(Events.trade("AAA", i));
        }
        assertThat(readiness.failures()).singleElement()
                .satisfies(f -> assertThat(f.reason()).isEqualTo("hub shard 0 queue full (20 of 20 envelopes)"));
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> readiness.failures().isEmpty());
    }
}
