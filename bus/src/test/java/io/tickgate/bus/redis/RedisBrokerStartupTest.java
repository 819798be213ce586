package io.tickgate.bus.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tickgate.bus.Brokers;
import io.tickgate.bus.api.Broker;
import io.tickgate.bus.api.BrokerSettings;
import io.tickgate.bus.api.Envelope;
import io.tickgate.bus.local.InProcessBroker;
import io.tickgate.bus.testing.LoopbackPorts;
import io.tickgate.bus.testing.RedisProcess;
import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.Side;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Topic;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisBrokerStartupTest {

    @Test
    void startsWithoutRedisSaysWhyItIsNotReadyAndCatchesUpWhenRedisAppears() throws Exception {
        int port = LoopbackPorts.freePort();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Broker broker = Brokers.open("redis://127.0.0.1:" + port, BrokerSettings.defaults(), registry)) {
            assertThat(broker.ready()).isFalse();
            assertThat(broker.problem()).contains("redis unreachable at redis://127.0.0.1:" + port)
                    .contains("retrying");
            Topic t = Topic.parse("boot.AAA.trade");
            for (int i = 1; i <= 3; i++) {
                assertThat(broker.publish(new Trade("boot", "AAA", Integer.toString(i), Decimal.parse("1.0"),
                        Decimal.parse("2"), Side.BUY, i))).as("queued while Redis is away").isTrue();
            }
            assertThat(registry.get("tickgate.broker.queue.depth").gauge().value()).isEqualTo(3);
            assertThat(registry.get("tickgate.broker.ready").gauge().value()).isZero();
            try (RedisProcess redis = RedisProcess.start(port, List.of())) {
                assertThat(redis.port()).isEqualTo(port);
                await().atMost(Duration.ofSeconds(20)).until(broker::ready);
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> broker.history(t, "?", 0).get().headSeq() == 3);
                String epoch = broker.history(t, "?", 0).get().epoch();
                assertThat(broker.history(t, epoch, 0).get().envelopes()).extracting(Envelope::seq)
                        .containsExactly(1L, 2L, 3L);
                assertThat(registry.get("tickgate.broker.published").tag("class", "event").counter().count())
                        .isEqualTo(3);
                assertThat(registry.get("tickgate.broker.ready").gauge().value()).isOne();
            }
        }
    }

    @Test
    void opensTheEngineTheUrlNamesAndRejectsOthersClearly() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Broker b = Brokers.open("in-process", BrokerSettings.defaults(), registry)) {
            assertThat(b).isInstanceOf(InProcessBroker.class);
        }
        try (Broker b = Brokers.open("", BrokerSettings.defaults(), registry)) {
            assertThat(b).isInstanceOf(InProcessBroker.class);
        }
        assertThatThrownBy(() -> Brokers.open("http://127.0.0.1:6379", BrokerSettings.defaults(), registry))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("redis-cluster://host:port,host:port");
        assertThatThrownBy(() -> RedisEndpoint.parse("redis-cluster://"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no node");
        RedisEndpoint cluster = RedisEndpoint.parse("redis-cluster://127.0.0.1:7001, 127.0.0.1:7002");
        assertThat(cluster.cluster()).isTrue();
        assertThat(cluster.uris()).extracting(u -> u.getPort()).containsExactly(7001, 7002);
        RedisEndpoint tls = RedisEndpoint.parse("rediss://user:secret@cache.example:6380");
        assertThat(tls.cluster()).isFalse();
        assertThat(tls.uris().get(0).isSsl()).isTrue();
        assertThat(tls.display()).doesNotContain("secret");
    }
}
