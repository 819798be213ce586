package io.tickgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.socket.SocketChannel;
import io.tickgate.gateway.testsupport.Events;
import io.tickgate.gateway.testsupport.GatewayFixture;
import io.tickgate.gateway.testsupport.TestWsClient;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The process-wide outbound budget: many connections that never read cannot make the gateway queue more than
 * {@code maxTotalQueuedBytes}; the largest backlogs are closed with 4008 (counted as {@code total_budget}) while a
 * normal client keeps getting every message in order. And the time bound: a connection whose queued message waits
 * past {@code maxQueueDelayMillis} is closed with 4008 ({@code queue_age}).
 *
 * <p>Stated bounds: the queued-bytes gauge never above the cap at any sample (every 10 ms); heap growth after GC
 * with the stalled connections still open ≤ 64 MiB.
 */
@Timeout(120)
class OutboundBudgetTest {

    private static final int SLOW = 300;
    /** Each stalled connection alone may queue 1 MiB: 300 MiB together, far over the process-wide cap. */
    private static final long PER_CONNECTION = 1 << 20;
    private static final long CAP = 16L << 20;

    private GatewayFixture fx;
    private volatile boolean running = true;

    @AfterEach
    void stop() {
        running = false;
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void manyStalledReadersCannotPushQueuedBytesPastTheCapAndNormalClientGetsEverything() throws Exception {
        fx = GatewayFixture.start(b -> b.maxQueuedBytesPerConnection(PER_CONNECTION).maxTotalQueuedBytes(CAP)
                .writeBufferWaterMarks(8 * 1024, 16 * 1024).socketSendBufferBytes(8 * 1024));
        fx.broker.publish(Events.trade("AAA", 0));
        long heapBefore = heapAfterGc();

        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        AtomicLong lastSeq = new AtomicLong();
        TestWsClient normal = fx.connectRaw("/ws", TestWsClient.options().listener(text -> {
            if (text.contains("\"type\":\"data\"")) {
                long seq = seq(text);
                if (seq != lastSeq.get() + 1) {
                    problems.add("normal client: seq " + seq + " after " + lastSeq.get());
                }
                lastSeq.set(seq);
            } else if (text.contains("\"type\":\"snapshot\"")) {
                lastSeq.set(seq(text));
            }
        }));
        normal.send("{\"type\":\"subscribe\",\"topic\":\"sim.AAA.trade\"}");
        List<TestWsClient> slow = new ArrayList<>();
        for (int i = 0; i < SLOW; i++) {
            TestWsClient c = fx.connect();
            c.send("{\"type\":\"subscribe\",\"topic\":\"sim.AAA.trade\"}");
            c.next();
            c.next();
            ((SocketChannel) c.channel()).config().setReceiveBufferSize(4096);
            c.channel().config().setAutoRead(false);
            slow.add(c);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> fx.metric("tickgate_gateway_subscriptions") == SLOW + 1);

        double[] maxQueued = {0};
        Thread sampler = new Thread(() -> {
            while (running) {
                maxQueued[0] = Math.max(maxQueued[0], fx.metric("tickgate_gateway_outbound_queued_bytes"));
                LockSupport.parkNanos(10_000_000);
            }
        }, "sampler");
        sampler.start();

        // ~1,000 trades/s until most stalled readers were shed (at most 60 s)
        long id = 0;
        long start = System.currentTimeMillis();
        while (fx.metric("tickgate_gateway_slow_consumer_closes_total{reason=\"total_budget\"}") < SLOW / 2.0) {
            for (int i = 0; i < 10; i++) {
                fx.broker.publish(Events.trade("AAA", ++id));
            }
            Thread.sleep(10);
            assertThat(System.currentTimeMillis() - start).as("shedding within 60 s").isLessThan(60_000);
        }
        long published = id + 1;
        await().atMost(Duration.ofSeconds(20)).until(() -> lastSeq.get() == published);
        long heapAfter = heapAfterGc();
        running = false;
        sampler.join(5_000);

        double totalBudget = fx.metric("tickgate_gateway_slow_consumer_closes_total{reason=\"total_budget\"}");
        double perConnection = fx.metric("tickgate_gateway_slow_consumer_closes_total{reason=\"connection_budget\"}");
        System.out.printf("outbound budget: %d trades to %d stalled + 1 normal client; max queued %.0f bytes (cap %d);"
                        + " closes: total_budget %.0f, connection_budget %.0f; dropped %.0f; heap after GC %d -> %d MiB%n",
                published, SLOW, maxQueued[0], CAP, totalBudget, perConnection,
                fx.metric("tickgate_gateway_outbound_dropped_total"), heapBefore >> 20, heapAfter >> 20);

        assertThat(problems).as("the normal client got every message in order").isEmpty();
        assertThat(normal.isOpen()).isTrue();
        assertThat(maxQueued[0]).as("queued bytes at every sample").isLessThanOrEqualTo(CAP).isPositive();
        assertThat(totalBudget).isGreaterThanOrEqualTo(SLOW / 2.0);
        assertThat(perConnection).as("the per-connection budget was never what stopped them").isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> fx.metric("tickgate_gateway_closes_total{code=\"4008\"}")
                == fx.metric("tickgate_gateway_slow_consumer_closes_total{reason=\"total_budget\"}"));
        assertThat(heapAfter - heapBefore).isLessThan(64L << 20);
        for (TestWsClient c : slow) {
            c.channel().config().setAutoRead(true);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> fx.metric("tickgate_gateway_connections")
                == SLOW + 1 - fx.metric("tickgate_gateway_slow_consumer_closes_total{reason=\"total_budget\"}"));
    }

    @Test
    void connectionWhoseQueuedMessageWaitsTooLongIsClosed() throws Exception {
        fx = GatewayFixture.start(b -> b.maxQueueDelayMillis(1_000).writeBufferWaterMarks(4 * 1024, 8 * 1024)
                .socketSendBufferBytes(4 * 1024));
        fx.broker.publish(Events.trade("AAA", 0));
        TestWsClient stalled = fx.connect();
        stalled.send("{\"type\":\"subscribe\",\"topic\":\"sim.AAA.trade\"}");
        stalled.next();
        stalled.next();
        ((SocketChannel) stalled.channel()).config().setReceiveBufferSize(4096);
        stalled.channel().config().setAutoRead(false);
        long id = 0;
        while (fx.metric("tickgate_gateway_slow_consumer_closes_total{reason=\"queue_age\"}") < 1) {
            for (int i = 0; i < 20; i++) {
                fx.broker.publish(Events.trade("AAA", ++id));
            }
            Thread.sleep(10);
            assertThat(id).as("closed within ~20 s; %s", fx.registry.scrape().lines()
                    .filter(l -> l.contains("closes") || l.contains("queued")).toList()).isLessThan(40_000);
        }
        assertThat(fx.metric("tickgate_gateway_closes_total{code=\"4008\"}")).isEqualTo(1);
        assertThat(fx.metric("tickgate_gateway_slow_consumer_disconnects_total")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> fx.metric("tickgate_gateway_connections") == 0);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                fx.metric("tickgate_gateway_outbound_queued_bytes")).as("queued bytes").isZero());
    }

    private static long seq(String text) {
        int i = text.indexOf("\"seq\":") + 6;
        int end = i;
        while (Character.isDigit(text.charAt(end))) {
            end++;
        }
        return Long.parseLong(text.substring(i, end));
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
