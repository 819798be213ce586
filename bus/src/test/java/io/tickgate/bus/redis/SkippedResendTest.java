package io.tickgate.bus.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tickgate.bus.api.BrokerSettings;
import io.tickgate.bus.testing.RedisServer;
import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.event.Side;
import io.tickgate.model.event.Trade;
import io.tickgate.model.event.TradeGap;
import io.tickgate.model.topic.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A publish call held up past its timeout before the Redis I/O thread could write it still reaches Redis, before the
 * calls made after it, and nothing is lost. Lettuce, timing it out, used to skip writing it while a later call, still
 * in time, was written and ran; the first call's resend was then taken by publish.lua for one already applied (same
 * publisher, lower batch number) and its trades vanished without a seq skip or a gap notice, the signature of a
 * StandbyKillIT failure (ids jump, seqs consecutive). {@link ScriptTimeouts} is the fix. The I/O thread is held here
 * by a fence listener, which runs on it; a CPU-starved or paused node does the same. Timing-shaped (the stall
 * outlasts the first call's timeout, not the second's), not a sleep as an assertion.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SkippedResendTest {

    private static final Topic T = Topic.parse("okx.SOL-USDT.trade");
    private static final long TIMEOUT_MILLIS = 1_000;

    @Test
    void aCallTimedOutUnwrittenIsPublishedOrAnnouncedAfterALaterCallRan() throws Exception {
        try (RedisServer server = RedisServer.startOnFreePort();
             RedisBroker b = new RedisBroker(RedisEndpoint.parse(server.url()),
                     BrokerSettings.builder().commandTimeoutMillis(TIMEOUT_MILLIS).build(),
                     new SimpleMeterRegistry())) {
            assertThat(b.publish(trade(689), 1)).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> b.publishedCount() == 1);
            CountDownLatch stalled = stallTheIoThreadOnceFor(b, TIMEOUT_MILLIS + 300);

            b.publish(trade(690), 1); // call N: its timeout runs out while the I/O thread is held, unwritten
            Thread.sleep(600);
            b.publish(trade(691), 1); // call N+1: still in time when the I/O thread writes it
            assertThat(stalled.await(5, TimeUnit.SECONDS)).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> lastId(b).equals("691"));
            b.publish(trade(692), 1); // after call N's resend (sent before any later batch)
            await().atMost(Duration.ofSeconds(10)).until(() -> lastId(b).equals("692"));

            assertThat(trail(b)).as("every trade, or a gap notice where one was lost")
                    .containsExactly("689", "690", "691", "692");
        }
    }

    /** Holds the Redis I/O thread for {@code millis} from the next fenced publish; counts down when it lets go. */
    private static CountDownLatch stallTheIoThreadOnceFor(RedisBroker b, long millis) throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch released = new CountDownLatch(1);
        AtomicBoolean once = new AtomicBoolean();
        b.fencing().add(f -> {
            if (once.compareAndSet(false, true)) {
                holding.countDown();
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                released.countDown();
            }
        });
        Topic other = Topic.parse("okx.BTC-USDT.trade");
        assertThat(b.claim(other, 5).get(5, TimeUnit.SECONDS).granted()).isTrue();
        b.publish(new Trade("okx", "BTC-USDT", "1", Decimal.parse("1"), Decimal.parse("1"), Side.BUY, 1), 1);
        assertThat(holding.await(5, TimeUnit.SECONDS)).as("the refused publish reached the listener").isTrue();
        return released;
    }

    /** The topic's trades and gap notices in seq order ({@code from..to} for a notice). */
    private static List<String> trail(RedisBroker b) throws Exception {
        String epoch = b.history(T, "?", 0).get(5, TimeUnit.SECONDS).epoch();
        List<String> out = new ArrayList<>();
        for (var e : b.history(T, epoch, 0).get(5, TimeUnit.SECONDS).envelopes()) {
            MarketEvent ev = e.event();
            out.add(ev instanceof TradeGap g ? g.fromId() + ".." + g.toId() : ((Trade) ev).tradeId());
        }
        return out;
    }

    private static String lastId(RedisBroker b) throws Exception {
        List<String> t = trail(b);
        return t.isEmpty() ? "" : t.get(t.size() - 1);
    }

    private static Trade trade(long id) {
        return new Trade("okx", "SOL-USDT", Long.toString(id), Decimal.parse("1.5"), Decimal.parse("2"), Side.BUY, id);
    }
}
