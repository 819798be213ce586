package io.tickgate.bus.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tickgate.bus.api.BrokerSettings;
import io.tickgate.bus.api.Envelope;
import io.tickgate.bus.api.Subscription;
import io.tickgate.bus.api.TopicImage;
import io.tickgate.bus.api.TopicListener;
import io.tickgate.bus.testing.Resp;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Redis losing its scripts (SCRIPT FLUSH, as after a restart or a failover to a replica that never loaded them) under
 * a steady publisher loses no publish. Every call pipelined behind the first NOSCRIPT is answered NOSCRIPT too; the
 * engine used to send each one again as an EVAL from its reply handler, behind calls already on the wire, and a later
 * call that reached Redis after the first EVAL had loaded the script ran before an earlier one's EVAL: publish.lua
 * then took the earlier one for a call already applied (same publisher, lower batch number) and its trades were gone
 * without a seq skip or a gap notice. Now a NOSCRIPT call is a failed call, sent again (loading the script) in batch
 * order, and publish.lua refuses a call whose topic's earlier call has not run. Asserted on what is stored and on
 * what a subscriber sees, not on timing: small batches keep many calls in flight, and the flushes run throughout.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ScriptFlushTest {

    private static final Topic T = Topic.parse("okx.ETH-USDT.trade");
    private static final int TRADES = 6_000;

    @Test
    void everyTradeIsStoredAndDeliveredInOrderWhileRedisKeepsLosingItsScripts() throws Exception {
        BrokerSettings s = BrokerSettings.builder().maxBatch(3).eventHistory(20_000, 600_000).build();
        try (RedisServer server = RedisServer.startOnFreePort();
             RedisBroker b = new RedisBroker(RedisEndpoint.parse(server.url()), s, new SimpleMeterRegistry())) {
            IdCheck seen = new IdCheck();
            Subscription sub = b.subscribe(T, seen);
            AtomicBoolean publishing = new AtomicBoolean(true);
            AtomicInteger flushes = new AtomicInteger();
            Thread flusher = new Thread(() -> {
                while (publishing.get()) {
                    try {
                        Resp.call(server.port(), "SCRIPT", "FLUSH");
                        flushes.incrementAndGet();
                        Thread.sleep(5);
                    } catch (Exception e) {
                        return;
                    }
                }
            }, "script-flusher");
            flusher.start();
            try {
                for (int id = 1; id <= TRADES; id++) {
                    while (!b.publish(trade(id))) {
                        Thread.sleep(1); // never drop: a drop is a gap notice, which this test does not expect
                    }
                    if (id % 3 == 0) {
                        Thread.sleep(1);
                    }
                }
            } finally {
                publishing.set(false);
                flusher.join(5_000);
            }
            assertThat(flushes.get()).as("flushes while publishing").isGreaterThan(50);
            await().atMost(Duration.ofSeconds(30)).until(() -> seen.lastId() == TRADES);
            sub.close();

            assertThat(b.droppedCount()).isZero();
            assertThat(trail(b)).as("what Redis stored, in seq order")
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, TRADES).mapToObj(Long::toString).toList());
            assertThat(seen.jumps()).as("the subscriber's id jumps").isEmpty();
        }
    }

    /** A subscriber checking that each trade id follows the previous one (an image restarts from its last trade). */
    private static final class IdCheck implements TopicListener {
        private final List<String> jumps = new ArrayList<>();
        private long last;

        @Override
        public synchronized void onImage(TopicImage image) {
            for (MarketEvent e : image.events()) {
                if (e instanceof Trade t) {
                    last = Long.parseLong(t.tradeId());
                }
            }
        }

        @Override
        public synchronized void onEnvelope(Envelope e) {
            if (e.event() instanceof TradeGap g) {
                jumps.add("gap notice " + g.fromId() + ".." + g.toId() + " at seq " + e.seq());
                last = Long.parseLong(g.toId());
                return;
            }
            long id = Long.parseLong(((Trade) e.event()).tradeId());
            if (id != last + 1) {
                jumps.add(last + " -> " + id + " at seq " + e.seq());
            }
            last = id;
        }

        synchronized long lastId() {
            return last;
        }

        synchronized List<String> jumps() {
            return List.copyOf(jumps);
        }
    }

    /** The topic's trades in seq order ({@code from..to} for a gap notice). */
    private static List<String> trail(RedisBroker b) throws Exception {
        String epoch = b.history(T, "?", 0).get(5, TimeUnit.SECONDS).epoch();
        List<String> out = new ArrayList<>();
        for (Envelope e : b.history(T, epoch, 0).get(10, TimeUnit.SECONDS).envelopes()) {
            MarketEvent ev = e.event();
            out.add(ev instanceof TradeGap g ? g.fromId() + ".." + g.toId() : ((Trade) ev).tradeId());
        }
        return out;
    }

    private static Trade trade(long id) {
        return new Trade("okx", "ETH-USDT", Long.toString(id), Decimal.parse("1.5"), Decimal.parse("2"), Side.BUY, id);
    }
}
