package io.tickgate.gateway.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.DefaultEventLoop;
import io.tickgate.gateway.metrics.GatewayMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The shard queue's overflow policies: wait while the shard moves, drop when it is stuck, never wait on an event loop. */
@Timeout(30)
class EnvelopeQueueTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final EnvelopeQueue queue = new EnvelopeQueue(0, 2, new GatewayMetrics(registry), () -> { });
    private final DefaultEventLoop loop = new DefaultEventLoop();

    @AfterEach
    void stop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private double waits() {
        return registry.get("tickgate.gateway.hub.waits").counter().count();
    }

    private double dropped() {
        return registry.get("tickgate.gateway.hub.dropped").counter().count();
    }

    @Test
    void aFullQueueMakesThePublisherWaitWhileTheShardTakes() throws Exception {
        assertThat(queue.offerWaiting("a")).isTrue();
        assertThat(queue.offerWaiting("b")).isTrue();
        List<Object> taken = new ArrayList<>();
        Thread shard = new Thread(() -> {
            for (int i = 0; i < 4; i++) {
                try {
                    Thread.sleep(100); // a slow shard taking one item at a time
                } catch (InterruptedException e) {
                    return;
                }
                queue.drainTo(taken, 1);
            }
        });
        shard.start();
        assertThat(queue.offerWaiting("c")).isTrue();
        assertThat(queue.offerWaiting("d")).isTrue();
        shard.join();
        assertThat(taken).containsExactly("a", "b", "c", "d");
        assertThat(waits()).isEqualTo(2);
        assertThat(dropped()).isZero();
    }

    @Test
    void aStuckShardMakesOnePublisherWaitItsStallTimeThenEveryOneDropAtOnceUntilItMoves() {
        queue.offer("a");
        queue.offer("b");
        assertThat(queue.offerWaiting("c")).as("waited the stall time in vain").isFalse();
        assertThat(queue.offerWaiting("d")).as("dropped at once").isFalse();
        assertThat(waits()).isEqualTo(1);
        assertThat(dropped()).isEqualTo(2);
        queue.drainTo(new ArrayList<>(), 1); // the shard moves
        assertThat(queue.offerWaiting("e")).isTrue();
        assertThat(queue.size()).isEqualTo(2);
    }

    @Test
    void anEventLoopNeverWaits() throws Exception {
        queue.offer("a");
        queue.offer("b");
        boolean queued = loop.submit(() -> queue.offerWaiting("c")).get(10, TimeUnit.SECONDS);
        assertThat(queued).isFalse();
        assertThat(waits()).as("a client's publish on its event loop drops instead of waiting").isZero();
        assertThat(dropped()).isEqualTo(1);
    }

    @Test
    void aClosedQueueDropsAtOnce() {
        queue.offer("a");
        queue.offer("b");
        queue.close();
        assertThat(queue.offerWaiting("c")).isFalse();
        assertThat(waits()).isZero();
    }
}
