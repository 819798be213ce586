package io.tickgate.gateway.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tickgate.gateway.metrics.GatewayMetrics;
import io.tickgate.gateway.protocol.CloseCodes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The slow-consumer disconnect total equals the 4008 closes even when two threads close the same connection as a
 * slow consumer at once (the event loop over its own budget, the budget's guard thread over the total): both pass
 * {@code closeSlowConsumer}'s "already closing?" check, only one close is made.
 */
@Timeout(60)
class SlowConsumerCountTest {

    private static final ConnectionOutbound.Limits LIMITS = new ConnectionOutbound.Limits(1 << 16, 1, 1 << 16);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final GatewayMetrics metrics = new GatewayMetrics(registry);
    private final OutboundBudget budget = new OutboundBudget(1 << 20, 0, metrics);
    private final List<EmbeddedChannel> channels = new ArrayList<>();

    @AfterEach
    void stop() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll); // the close frames written
        budget.close();
    }

    private EmbeddedChannel channel() {
        EmbeddedChannel ch = new EmbeddedChannel();
        channels.add(ch);
        return ch;
    }

    @Test
    void concurrentSlowConsumerClosesCountOnce() throws Exception {
        int rounds = 2_000;
        CyclicBarrier start = new CyclicBarrier(2);
        ConnectionOutbound[] outbounds = new ConnectionOutbound[rounds];
        for (int i = 0; i < rounds; i++) {
            // an EmbeddedChannel's loop runs tasks on the calling thread: only the winner of the close touches it
            outbounds[i] = new ConnectionOutbound(channel(), LIMITS, metrics, budget);
        }
        Thread other = new Thread(() -> closeAll(outbounds, start, GatewayMetrics.SLOW_TOTAL_BUDGET));
        other.start();
        closeAll(outbounds, start, GatewayMetrics.SLOW_CONNECTION_BUDGET);
        other.join(TimeUnit.SECONDS.toMillis(30));

        double closes = registry.get("tickgate.gateway.closes").tag("code", "4008").counter().count();
        assertThat(closes).isEqualTo(rounds);
        assertThat(registry.get("tickgate.gateway.slow.consumer.disconnects").functionCounter().count())
                .isEqualTo(closes);
    }

    @Test
    void aSlowConsumerCloseThatLosesToAnotherCloseIsNoDisconnect() {
        ConnectionOutbound o = new ConnectionOutbound(channel(), LIMITS, metrics, budget);
        // what closeSlowConsumer does when it passed its check just before another thread's 4029 won the close
        metrics.slowConsumerDisconnect(GatewayMetrics.SLOW_QUEUE_AGE);
        o.closeWith(null, CloseCodes.RATE_LIMITED, "rate limited");
        o.closeSlowConsumer(GatewayMetrics.SLOW_QUEUE_AGE, "too late");
        assertThat(registry.get("tickgate.gateway.slow.consumer.disconnects").functionCounter().count()).isZero();
        assertThat(registry.get("tickgate.gateway.closes").tag("code", "4029").counter().count()).isEqualTo(1);
    }

    private static void closeAll(ConnectionOutbound[] outbounds, CyclicBarrier start, String reason) {
        for (ConnectionOutbound o : outbounds) {
            try {
                start.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            o.closeSlowConsumer(reason, "test");
        }
    }
}
