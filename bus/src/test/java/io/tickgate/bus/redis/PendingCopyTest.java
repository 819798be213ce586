package io.tickgate.bus.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tickgate.bus.api.BrokerSettings;
import io.tickgate.bus.testing.RedisServer;
import io.tickgate.bus.testing.Resp;
import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.Side;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Topic;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * While Redis does not answer (frozen), a timed-out publish call is not sent again while its last copy still waits in
 * the client: that copy runs when Redis gets to it, and every further copy would only queue behind it, one per
 * timeout (and all run, each a whole call for the script to recognize, when Redis comes back). Counted by Redis
 * itself (INFO commandstats) over a freeze of many timeouts: the call runs at most twice (its copy, then one resend
 * once that was answered), not once per timeout.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PendingCopyTest {

    private static final Topic T = Topic.parse("okx.DOT-USDT.trade");
    private static final Pattern CALLS = Pattern.compile("cmdstat_(evalsha|eval):calls=(\\d+)");

    @Test
    void aCallRedisHasNotAnsweredIsNotQueuedAgainEveryTimeout() throws Exception {
        long timeout = 200;
        try (RedisServer server = RedisServer.startOnFreePort();
             RedisBroker b = new RedisBroker(RedisEndpoint.parse(server.url()),
                     BrokerSettings.builder().commandTimeoutMillis(timeout).build(), new SimpleMeterRegistry())) {
            b.publish(trade(1));
            await().atMost(Duration.ofSeconds(10)).until(() -> b.publishedCount() == 1);
            Resp.call(server.port(), "CONFIG", "RESETSTAT");
            server.pause();
            try {
                b.publish(trade(2));
                Thread.sleep(15 * (timeout + 50)); // time for about 15 resends had each timeout made one
            } finally {
                server.resume();
            }
            // answered once a resend was: its copies ran before it
            await().atMost(Duration.ofSeconds(10)).until(() -> b.publishedCount() >= 2 && b.problem() == null);
            assertThat(scriptCalls(server.port())).as("publish calls Redis ran for one event").isLessThanOrEqualTo(2);
            assertThat(b.history(T, "?", 0).get(5, TimeUnit.SECONDS).headSeq()).isEqualTo(2);
        }
    }

    /** EVALSHA and EVAL calls Redis ran since the last CONFIG RESETSTAT (history reads included: none yet). */
    private static long scriptCalls(int port) throws Exception {
        Matcher m = CALLS.matcher(String.valueOf(Resp.call(port, "INFO", "commandstats")));
        long n = 0;
        while (m.find()) {
            n += Long.parseLong(m.group(2));
        }
        return n;
    }

    private static Trade trade(long id) {
        return new Trade("okx", "DOT-USDT", Long.toString(id), Decimal.parse("7"), Decimal.parse("1"), Side.BUY, id);
    }
}
