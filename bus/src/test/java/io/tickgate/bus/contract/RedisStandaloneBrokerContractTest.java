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
}
