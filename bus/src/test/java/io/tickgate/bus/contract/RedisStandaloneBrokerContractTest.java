package io.tickgate.bus.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickgate.bus.api.Broker;
import io.tickgate.bus.api.BrokerSettings;
import io.tickgate.bus.api.Envelope;
import io.tickgate.bus.api.History;
import io.tickgate.bus.api.TopicImage;
import io.tickgate.bus.redis.RedisBroker;
import io.tickgate.bus.testing.RedisExtension;
import io.tickgate.bus.testing.RedisServer;
import io.tickgate.bus.testing.TestRedis;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Channel;
import io.tickgate.model.topic.Topic;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract on a standalone Redis (test-owned redis-server on a free port). */
class RedisStandaloneBrokerContractTest extends RedisContractSupport {

    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.standalone();

    @Override
    protected TestRedis redis() {
        return REDIS.redis();
    }

    /**
     * Redis hangs (SIGSTOP) past the command timeout while trades are published: the calls time out, Redis runs them
     * once it resumes, and the writer sends them again (recognized as applied, or applied then): every trade gets one
     * seq, in order, none counted as lost, no false seq gap for the subscriber (which counting them as lost made).
     */
    @Test
    void publishCallsTimedOutWhileRedisHangsAreSentAgainNothingLostNothingTwice() throws Exception {
        BrokerSettings s = settings().toBuilder().commandTimeoutMillis(500).maxBatch(20).build();
        Broker a = node(s);
        Broker b = peerOf(a, s);
        Topic t = topic("H", Channel.TRADE);
        Recorder rec = new Recorder(TRADE_STATE);
        b.subscribe(t, rec);
        a.publish(trade("H", 1));
        rec.awaitSeq(t, 1);
        RedisServer server = (RedisServer) REDIS.redis();
        server.pause();
        try {
            for (int n = 2; n <= 300; n++) {
                a.publish(trade("H", n));
                if (n % 20 == 0) {
                    sleepQuietly(20); // several calls in flight when the first times out
                }
            }
            sleepQuietly(1_500);
        } finally {
            server.resume();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> "300".equals(lastTradeId(rec, t)));
        List<String> ids = rec.seen(t).envelopes.stream().map(e -> ((Trade) e.event()).tradeId()).toList();
        long first = Long.parseLong(ids.get(0)); // 1, or 2 when the image already held trade 1
        assertThat(first).isLessThanOrEqualTo(2);
        assertThat(ids).containsExactlyElementsOf(range(first, 300).stream().map(String::valueOf).toList());
        assertThat(rec.violations()).as("seqs one after another, no re-image").isEmpty();
        // no image after the hang; the subscribe's own image may come twice if its read was retried on a busy machine
        assertThat(rec.seen(t).images).extracting(TopicImage::seq).as("images' seqs").allMatch(seq -> seq <= 1);
        assertThat(((RedisBroker) a).droppedCount()).as("events counted as lost").isZero();
        History all = history(a, t, epochOf(a, t), 0);
        assertThat(all.gone()).isFalse();
        assertThat(all.envelopes()).extracting(Envelope::seq).containsExactlyElementsOf(range(1, 300));
    }

    /**
     * Wildcard lookups for topics nobody has (what a client's patterns that match nothing cause) share one read of
     * the directory (SMEMBERS, counted by Redis itself) instead of one each, and still find what is there.
     */
    @Test
    void manyWildcardLookupsAtOnceShareOneDirectoryRead() throws Exception {
        BrokerSettings s = settings();
        Broker a = node(s);
        Broker b = peerOf(a, s);
        a.declare(List.of(topic("DIR", Channel.TICKER))).get(10, java.util.concurrent.TimeUnit.SECONDS);
        long before = smembersCalls();
        List<java.util.concurrent.CompletableFuture<java.util.Set<Topic>>> none = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            none.add(b.lookup(io.tickgate.model.topic.TopicPattern.parse("*.NOPE" + i + ".trade")));
        }
        java.util.Set<Topic> found = b.lookup(io.tickgate.model.topic.TopicPattern.parse(source + ".*.ticker"))
                .get(10, java.util.concurrent.TimeUnit.SECONDS);
        for (var f : none) {
            assertThat(f.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEmpty();
        }
        assertThat(found).containsExactly(topic("DIR", Channel.TICKER));
        assertThat(smembersCalls() - before).as("SMEMBERS for 201 lookups").isBetween(1L, 5L);
    }

    private long smembersCalls() {
        io.lettuce.core.RedisClient c = io.lettuce.core.RedisClient.create(REDIS.redis().url());
        try (var conn = c.connect()) {
            for (String line : conn.sync().info("commandstats").split("\\r?\\n")) {
                if (line.startsWith("cmdstat_smembers:calls=")) {
                    return Long.parseLong(line.substring("cmdstat_smembers:calls=".length(), line.indexOf(',')));
                }
            }
            return 0;
        } finally {
            c.shutdown();
        }
    }
}
