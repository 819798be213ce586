package io.tickgate.bus.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tickgate.bus.api.BrokerSettings;
import io.tickgate.bus.testing.RedisServer;
import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.Side;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Topic;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A frozen Redis (SIGSTOP: its sockets stay open, nothing is answered) makes the broker not ready while it publishes:
 * its calls fail past the command timeout. The connection's state alone, all the health check looked at, called it
 * healthy, so /ready stayed 200 while nothing was published. Once Redis runs again the problem clears by itself.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FrozenRedisHealthTest {

    private static final Topic T = Topic.parse("okx.ADA-USDT.trade");

    @Test
    void aFrozenRedisIsAProblemWhilePublishCallsGoUnansweredAndClearsWhenItRunsAgain() throws Exception {
        try (RedisServer server = RedisServer.startOnFreePort();
             RedisBroker b = new RedisBroker(RedisEndpoint.parse(server.url()),
                     BrokerSettings.builder().commandTimeoutMillis(500).build(), new SimpleMeterRegistry())) {
            b.publish(trade(1));
            await().atMost(Duration.ofSeconds(10)).until(() -> b.publishedCount() == 1 && b.problem() == null);
            server.pause();
            try {
                b.publish(trade(2));
                await().atMost(Duration.ofSeconds(15)).until(() -> b.problem() != null);
                assertThat(b.problem()).contains("failing or unanswered");
            } finally {
                server.resume();
            }
            await().atMost(Duration.ofSeconds(15)).until(() -> b.problem() == null);
            b.publish(trade(3));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> b.history(T, "?", 0).get(5, TimeUnit.SECONDS).headSeq() == 3);
            assertThat(b.droppedCount()).isZero();
            assertThat(b.problem()).isNull();
        }
    }

    private static Trade trade(long id) {
        return new Trade("okx", "ADA-USDT", Long.toString(id), Decimal.parse("0.4"), Decimal.parse("5"), Side.BUY, id);
    }
}
