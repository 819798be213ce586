package io.tickgate.bus.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tickgate.bus.api.BrokerSettings;
import io.tickgate.bus.api.Envelope;
import io.tickgate.bus.api.History;
import io.tickgate.bus.api.Subscription;
import io.tickgate.bus.api.TopicImage;
import io.tickgate.bus.api.TopicListener;
import io.tickgate.bus.testing.LoopbackPorts;
import io.tickgate.bus.testing.RedisProcess;
import io.tickgate.bus.testing.Resp;
import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.Side;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Topic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Redis coming back with older data under the same epoch (restarted from an RDB saved before the last writes; an AOF
 * written every second, a replica promoted before it had them, are the same) starts a new epoch: no seq of the old
 * epoch names a second event. Before, the publisher numbered on from the restored seq under the old epoch, a
 * subscriber at seq 200 got an image at 100 and then other trades at 101.., and a resume at 150 was answered ok with
 * trades that were not the ones missed. Two ways lead there, each tested: the publisher that Redis had acknowledged
 * the lost writes to notices at its next call (publish.lua, {@link AckedHeads}); a subscriber that saw them notices
 * at its next image and retires the epoch in Redis (retire.lua), whoever publishes next.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RedisRollbackTest {

    private static final Topic T = Topic.parse("okx.XRP-USDT.trade");

    /** No subscriber follows the topic across the restart: the publisher alone knows what Redis lost. */
    @Test
    void thePublisherStartsANewEpochWhenRedisLostWhatItHadAcknowledged() throws Exception {
        rollBack(false);
    }

    /** The publisher restarts with Redis and never knew: the subscriber that saw the lost seqs retires the epoch. */
    @Test
    void aSubscriberThatSawTheLostSeqsRetiresTheEpochBeforeAnyonePublishes() throws Exception {
        rollBack(true);
    }

    private void rollBack(boolean subscriberKnows) throws Exception {
        int port = LoopbackPorts.freePort();
        Path dir = Files.createTempDirectory("tickgate-rollback-");
        List<String> persistent = List.of("--dir", dir.toString(), "--dbfilename", "dump.rdb");
        RedisProcess redis = RedisProcess.start(port, persistent);
        BrokerSettings s = BrokerSettings.builder().commandTimeoutMillis(1_000).build();
        RedisEndpoint endpoint = RedisEndpoint.parse("redis://127.0.0.1:" + port);
        Seen seen = new Seen();
        RedisBroker[] publisher = {new RedisBroker(endpoint, s, new SimpleMeterRegistry())};
        try (RedisBroker subscriber = new RedisBroker(endpoint, s, new SimpleMeterRegistry())) {
            Subscription sub = subscriber.subscribe(T, seen);
            publishTrades(publisher[0], 1, 100);
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.lastId() == 100);
            assertThat(Resp.call(port, "SAVE")).isEqualTo("OK");
            publishTrades(publisher[0], 101, 200);
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.lastId() == 200);
            String epoch = seen.lastEpoch();

            if (subscriberKnows) {
                publisher[0].close(); // the next publisher never saw the lost writes
            } else {
                sub.close(); // nobody follows the topic across the restart
            }
            redis.kill(); // the writes after SAVE are lost
            redis = RedisProcess.start(port, persistent);
            assertThat(String.valueOf(Resp.call(port, "HGET", "tg:{" + T + "}:meta", "seq"))).isEqualTo("100");
            await().atMost(Duration.ofSeconds(20)).until(() -> subscriber.problem() == null);
            if (subscriberKnows) {
                await("the subscriber retired the epoch").atMost(Duration.ofSeconds(20))
                        .until(() -> Resp.call(port, "HGET", "tg:{" + T + "}:meta", "epoch") == null);
                publisher[0] = new RedisBroker(endpoint, s, new SimpleMeterRegistry());
            } else {
                await().atMost(Duration.ofSeconds(20)).until(() -> publisher[0].problem() == null);
            }
            publishTrades(publisher[0], 201, 300);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> "300".equals(lastTradeId(subscriber)));
            if (subscriberKnows) {
                await().atMost(Duration.ofSeconds(20)).until(() -> seen.lastId() == 300);
                assertThat(seen.problems()).as("seqs that named two trades, or went back in an epoch").isEmpty();
                assertThat(seen.lastEpoch()).isNotEqualTo(epoch);
            }
            sub.close();

            History resumed = subscriber.history(T, epoch, 150).get(5, TimeUnit.SECONDS);
            assertThat(resumed.gone()).as("a resume in the old epoch past what Redis kept").isTrue();
            assertThat(resumed.epoch()).isNotEqualTo(epoch);
            History fresh = subscriber.history(T, resumed.epoch(), 0).get(5, TimeUnit.SECONDS);
            assertThat(fresh.envelopes()).extracting(e -> ((Trade) e.event()).tradeId())
                    .containsExactlyElementsOf(LongStream.rangeClosed(201, 300).mapToObj(Long::toString).toList());
        } finally {
            publisher[0].close();
            redis.close();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The last trade Redis holds for the topic ("" when none). */
    private static String lastTradeId(RedisBroker b) throws Exception {
        History h = b.history(T, "?", 0).get(5, TimeUnit.SECONDS);
        if (h.epoch() == null) {
            return "";
        }
        List<Envelope> all = b.history(T, h.epoch(), 0).get(5, TimeUnit.SECONDS).envelopes();
        return all.isEmpty() ? "" : ((Trade) all.get(all.size() - 1).event()).tradeId();
    }

    private static void publishTrades(RedisBroker b, long from, long to) {
        for (long id = from; id <= to; id++) {
            assertThat(b.publish(trade(id))).isTrue();
        }
    }

    /**
     * A subscriber's view: which trade each (epoch, seq) carried (a second one is a problem), and that no image takes
     * it back below a seq it saw in the same epoch.
     */
    private static final class Seen implements TopicListener {
        private final Map<String, Long> ids = new HashMap<>();
        private final Map<String, Long> highest = new HashMap<>();
        private final List<String> problems = new ArrayList<>();
        private String epoch;
        private long lastId;

        @Override
        public synchronized void onImage(TopicImage image) {
            if (image.epoch() != null && image.seq() < highest.getOrDefault(image.epoch(), 0L)) {
                problems.add("image " + image.epoch() + "@" + image.seq() + " after seq "
                        + highest.get(image.epoch()));
            }
            epoch = image.epoch();
            for (var e : image.events()) {
                lastId = Long.parseLong(((Trade) e).tradeId());
            }
        }

        @Override
        public synchronized void onEnvelope(Envelope e) {
            long id = Long.parseLong(((Trade) e.event()).tradeId());
            Long before = ids.putIfAbsent(e.epoch() + "@" + e.seq(), id);
            if (before != null && before != id) {
                problems.add(e.epoch() + "@" + e.seq() + " was trade " + before + ", now " + id);
            }
            highest.merge(e.epoch(), e.seq(), Math::max);
            epoch = e.epoch();
            lastId = id;
        }

        synchronized long lastId() {
            return lastId;
        }

        synchronized String lastEpoch() {
            return epoch;
        }

        synchronized List<String> problems() {
            return List.copyOf(problems);
        }
    }

    private static Trade trade(long id) {
        return new Trade("okx", "XRP-USDT", Long.toString(id), Decimal.parse("0.5"), Decimal.parse("3"), Side.BUY, id);
    }
}
