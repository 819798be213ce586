package io.tickgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickgate.gateway.testsupport.Events;
import io.tickgate.gateway.testsupport.FeedChecker;
import io.tickgate.gateway.testsupport.GatewayFixture;
import io.tickgate.gateway.testsupport.SlowRawClient;
import io.tickgate.gateway.testsupport.TestWsClient;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One client reading 10 messages/s beside 500 normal ones. The normal ones still get every message in order and
 * their latency stays within a stated bound of a run without the slow client; the slow one gets conflated state
 * or 4008; the server's heap and queued bytes stay bounded.
 *
 * <p>Stated bounds (generous: a loaded 2-core machine, client and server in one JVM, millisecond timestamps):
 * p99 latency with the slow client ≤ 3 × p99 without + 50 ms; heap growth (after GC) ≤ 64 MiB; bytes queued for
 * all connections (outbound queues and socket write buffers) ≤ 4 MiB at every sample.
 */
@Timeout(120)
class SlowClientIsolationTest {

    private static final int NORMAL = 500;
    private static final long PHASE_MILLIS = 6_000;
    private static final int BUDGET = 32 * 1024;
    private static final List<String> TOPICS = List.of("sim.AAA.trade", "sim.AAA.ticker", "sim.AAA.book");

    private GatewayFixture fx;
    private volatile boolean producing;
    private final FeedChecker checker = new FeedChecker();

    @AfterEach
    void stop() {
        producing = false;
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void normalClientsAreUnaffectedBySlowOneAndMemoryStaysBounded() throws Exception {
        fx = GatewayFixture.start(b -> b.writeBufferWaterMarks(32 * 1024, 64 * 1024)
                .maxQueuedBytesPerConnection(BUDGET).socketSendBufferBytes(8 * 1024));
        fx.broker.publish(Events.trade("AAA", 0));
        fx.broker.publish(Events.ticker("AAA", "1"));
        fx.broker.publish(Events.bookSnapshot("AAA", List.of("100:1"), List.of("101:1"), 1));
        for (int i = 0; i < NORMAL; i++) {
            TestWsClient c = fx.connectRaw("/ws", TestWsClient.options().listener(checker.client()));
            c.send("{\"type\":\"subscribe\",\"topics\":[\"sim.AAA.trade\",\"sim.AAA.ticker\",\"sim.AAA.book\"]}");
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> fx.metric("tickgate_gateway_subscriptions") == NORMAL * 3);
        Thread producer = new Thread(this::produce, "producer");
        producing = true;
        producer.start();

        Thread.sleep(2_000); // warm-up
        checker.newPhase();
        Thread.sleep(PHASE_MILLIS);
        Histogram baseline = checker.newPhase();
        long heapBaseline = heapAfterGc();

        SlowRawClient slow = new SlowRawClient(fx.gateway.port(), "/ws", 4096, 100);
        slow.readNow(1);
        slow.send("{\"type\":\"subscribe\",\"topics\":[\"sim.AAA.trade\",\"sim.AAA.ticker\",\"sim.AAA.book\"]}");
        slow.startSlowReading();
        checker.newPhase();
        double maxQueued = 0;
        // at least one phase, and on until the slow client is affected (plus 2 s), at most 40 s
        long start = System.currentTimeMillis();
        long affectedAt = 0;
        while (System.currentTimeMillis() - start < 40_000) {
            maxQueued = Math.max(maxQueued, fx.metric("tickgate_gateway_outbound_queued_bytes"));
            if (affectedAt == 0 && slowClientAffected()) {
                affectedAt = System.currentTimeMillis();
            }
            if (affectedAt != 0 && System.currentTimeMillis() - start >= PHASE_MILLIS
                    && System.currentTimeMillis() - affectedAt >= 2_000) {
                break;
            }
            Thread.sleep(100);
        }
        Histogram withSlow = checker.newPhase();
        long heapWithSlow = heapAfterGc();
        producing = false;
        producer.join(5_000);

        double conflations = fx.metric("tickgate_gateway_conflations_total{channel=\"book\"}")
                + fx.metric("tickgate_gateway_conflations_total{channel=\"ticker\"}");
        double slowDisconnects = fx.metric("tickgate_gateway_slow_consumer_disconnects_total");
        System.out.printf("slow-client isolation: %d normal clients, %d messages checked; p50/p99/max latency "
                        + "without the slow client %d/%d/%d ms, with it %d/%d/%d ms; slow client read %d messages, "
                        + "conflations %.0f, 4008 disconnects %.0f; heap after GC %d -> %d MiB; max queued %.0f bytes%n",
                NORMAL, checker.received.get(), baseline.getValueAtPercentile(50), baseline.getValueAtPercentile(99),
                baseline.getMaxValue(), withSlow.getValueAtPercentile(50), withSlow.getValueAtPercentile(99),
                withSlow.getMaxValue(), slow.messages.size(), conflations, slowDisconnects,
                heapBaseline >> 20, heapWithSlow >> 20, maxQueued);
        slow.close();

        assertThat(checker.problems).as("normal clients: every message, in order, never conflated").isEmpty();
        assertThat(baseline.getTotalCount()).isGreaterThan(NORMAL * 100L);
        assertThat(withSlow.getTotalCount()).isGreaterThan(NORMAL * 100L);
        assertThat(withSlow.getValueAtPercentile(99))
                .isLessThanOrEqualTo(3 * baseline.getValueAtPercentile(99) + 50);
        assertThat(conflations + slowDisconnects).as("the slow client got conflated state or 4008").isPositive();
        assertThat(slow.messages.size()).as("it really read slowly: at most 10/s")
                .isLessThanOrEqualTo((int) ((System.currentTimeMillis() - start) / 100) + 10);
        assertThat(heapWithSlow - heapBaseline).isLessThan(64L << 20);
        // the gauge counts socket write buffers (up to the 64 KiB high water mark per connection) and 96 bytes per
        // queued message too: 501 connections may legitimately hold a few MiB between them
        assertThat(maxQueued).isLessThanOrEqualTo(4 << 20);
    }

    private boolean slowClientAffected() {
        return fx.metric("tickgate_gateway_conflations_total{channel=\"book\"}")
                + fx.metric("tickgate_gateway_conflations_total{channel=\"ticker\"}")
                + fx.metric("tickgate_gateway_slow_consumer_disconnects_total") > 0;
    }

    /** ~80 messages/s over the three topics (a trade every 20 ms, a ticker and a book delta every 60 ms). */
    private void produce() {
        long n = 0;
        while (producing) {
            n++;
            fx.broker.publish(Events.trade("AAA", n));
            if (n % 3 == 0) {
                fx.broker.publish(Events.ticker("AAA", Long.toString(n)));
            }
            if (n % 3 == 1) {
                fx.broker.publish(Events.bookDelta("AAA", List.of((90 + n % 10) + ":" + n), List.of(), n + 1));
            }
            LockSupport.parkNanos(20_000_000);
        }
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
