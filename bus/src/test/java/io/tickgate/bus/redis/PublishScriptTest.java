package io.tickgate.bus.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tickgate.bus.api.BrokerSettings;
import io.tickgate.bus.api.Envelope;
import io.tickgate.bus.api.History;
import io.tickgate.bus.testing.LoopbackPorts;
import io.tickgate.bus.testing.RedisProcess;
import io.tickgate.bus.testing.RedisServer;
import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.Side;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Topic;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The publish script's stream layout (publish.lua, history.lua) where the contract suite does not reach: one topic
 * with more events in one call than one XADD / push carries, and a stream left by the older one-entry-per-event
 * layout.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PublishScriptTest {

    private static final Topic T = Topic.parse("big.AAA.trade");

    private static Trade trade(int i) {
        return new Trade("big", "AAA", Integer.toString(i), Decimal.parse("1.5"), Decimal.parse("2"), Side.BUY, i);
    }

    @Test
    void oneCallWithThousandsOfEventsOfOneTopicIsStoredInChunksAndReplaysInOrder() throws Exception {
        int port = LoopbackPorts.freePort();
        BrokerSettings s = BrokerSettings.builder().maxBatch(4_096).eventHistory(2_000, 60_000).build();
        try (RedisBroker b = new RedisBroker(RedisEndpoint.parse("redis://127.0.0.1:" + port), s,
                new SimpleMeterRegistry())) {
            // queued while Redis is away, so the first call carries all 2,500
            for (int i = 1; i <= 2_500; i++) {
                assertThat(b.publish(trade(i))).isTrue();
            }
            try (RedisProcess redis = RedisProcess.start(port, List.of())) {
                await().atMost(Duration.ofSeconds(20)).until(() -> b.publishedCount() == 2_500);
                assertThat(b.batchCount()).isEqualTo(1);
                String epoch = b.history(T, "?", 0).get(10, TimeUnit.SECONDS).epoch();
                History h = b.history(T, epoch, 500).get(10, TimeUnit.SECONDS);
                assertThat(h.gone()).isFalse();
                assertThat(h.envelopes()).extracting(Envelope::seq)
                        .containsExactlyElementsOf(LongStream.rangeClosed(501, 2_500).boxed().toList());
                assertThat(((Trade) h.envelopes().get(0).event()).tradeId()).isEqualTo("501");
                assertThat(b.history(T, epoch, 499).get(10, TimeUnit.SECONDS).gone())
                        .as("beyond the last 2,000 seqs").isTrue();
                RedisClient c = RedisClient.create("redis://127.0.0.1:" + redis.port());
                try (StatefulRedisConnection<String, String> conn = c.connect()) {
                    String[] k = new RedisKeys(s.keyPrefix()).topicKeys(T);
                    assertThat(conn.sync().xlen(k[1])).as("entries of at most 1,000 events").isEqualTo(3);
                    assertThat(conn.sync().lrange(k[2], 0, -1)).hasSize(s.tradeStateSize())
                            .first().asString().startsWith("2500|");
                } finally {
                    c.shutdown();
                }
            }
        }
    }

    @Test
    void aStreamOfTheOlderLayoutIsDroppedNotMisread() throws Exception {
        try (RedisServer server = RedisServer.startOnFreePort()) {
            BrokerSettings s = BrokerSettings.builder().keyPrefix("old").build();
            String[] k = new RedisKeys(s.keyPrefix()).topicKeys(T);
            RedisClient c = RedisClient.create(server.url());
            try (StatefulRedisConnection<String, String> conn = c.connect()) {
                RedisCommands<String, String> r = conn.sync();
                r.hset(k[0], java.util.Map.of("epoch", "e1", "seq", "5", "pub", "gone", "bno", "9"));
                r.xadd(k[1], java.util.Map.of("s", "5", "d", "not an event of this layout"));
            } finally {
                c.shutdown();
            }
            try (RedisBroker b = new RedisBroker(RedisEndpoint.parse(server.url()), s, new SimpleMeterRegistry())) {
                await().atMost(Duration.ofSeconds(20)).until(b::ready);
                assertThat(b.history(T, "e1", 4).get(10, TimeUnit.SECONDS).gone()).as("old layout").isTrue();
                b.publish(trade(6));
                await().atMost(Duration.ofSeconds(20)).until(() -> b.publishedCount() == 1);
                History h = b.history(T, "e1", 5).get(10, TimeUnit.SECONDS);
                assertThat(h.envelopes()).extracting(Envelope::seq).containsExactly(6L);
                assertThat(b.history(T, "e1", 4).get(10, TimeUnit.SECONDS).gone()).isTrue();
            }
        }
    }
}
