package io.tickgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickgate.gateway.testsupport.Events;
import io.tickgate.gateway.testsupport.FeedChecker;
import io.tickgate.gateway.testsupport.GatewayFixture;
import io.tickgate.gateway.testsupport.RawWsSocket;
import io.tickgate.gateway.testsupport.TestWsClient;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * WebSocket control frames are held to the same limits as messages: pings count toward the inbound rate limit (a
 * flood is closed 4029) and pongs go through the connection's outbound budget (a client that pings without reading
 * is closed 4008), so neither can grow the server's memory or slow other clients.
 *
 * <p>Stated bounds (a loaded 2-core machine, clients and server in one JVM): normal clients' p99 latency during the
 * flood ≤ 3 × p99 without + 50 ms; heap growth after GC ≤ 64 MiB.
 */
@Timeout(120)
class PingFloodTest {

    private static final int NORMAL = 200;
    private static final int FLOODERS = 4;
    private static final long PHASE_MILLIS = 8_000;
    private static final long FLOOD_MILLIS = 30_000;

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
    void pingFloodersAreClosedAndNormalClientsMissNothing() throws Exception {
        fx = GatewayFixture.start();
        fx.broker.publish(Events.trade("AAA", 0));
        FeedChecker checker = new FeedChecker();
        for (int i = 0; i < NORMAL; i++) {
            TestWsClient c = fx.connectRaw("/ws", TestWsClient.options().listener(checker.client()));
            c.send("{\"type\":\"subscribe\",\"topic\":\"sim.AAA.trade\"}");
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> fx.metric("tickgate_gateway_subscriptions") == NORMAL);
        Thread producer = new Thread(this::produce, "producer");
        producer.start();
        Thread.sleep(2_000); // warm-up
        checker.newPhase();
        Thread.sleep(PHASE_MILLIS);
        Histogram baseline = checker.newPhase();
        long heapBefore = heapAfterGc();

        AtomicInteger sessions = new AtomicInteger();
        AtomicInteger pings = new AtomicInteger();
        List<Thread> flooders = new ArrayList<>();
        long floodEnd = System.currentTimeMillis() + FLOOD_MILLIS;
        for (int i = 0; i < FLOODERS; i++) {
            Thread t = new Thread(() -> flood(floodEnd, sessions, pings), "flooder-" + i);
            t.start();
            flooders.add(t);
        }
        for (Thread t : flooders) {
            t.join(FLOOD_MILLIS + 10_000);
        }
        Histogram withFlood = checker.newPhase();
        long heapAfter = heapAfterGc();
        running = false;
        producer.join(5_000);

        double closed4029 = fx.metric("tickgate_gateway_closes_total{code=\"4029\"}");
        System.out.printf("ping flood: %d flooder sessions sent %d pings; %.0f closed 4029; normal clients p50/p99/max "
                        + "%d/%d/%d ms without, %d/%d/%d ms with the flood; %d messages checked; heap after GC "
                        + "%d -> %d MiB%n", sessions.get(), pings.get(), closed4029,
                baseline.getValueAtPercentile(50), baseline.getValueAtPercentile(99), baseline.getMaxValue(),
                withFlood.getValueAtPercentile(50), withFlood.getValueAtPercentile(99), withFlood.getMaxValue(),
                checker.received.get(), heapBefore >> 20, heapAfter >> 20);

        assertThat(checker.problems).as("normal clients: every message, in order").isEmpty();
        assertThat(withFlood.getTotalCount()).isGreaterThan(NORMAL * 100L);
        assertThat(closed4029).as("every flooding session closed 4029").isGreaterThanOrEqualTo(sessions.get());
        assertThat(sessions.get()).isGreaterThanOrEqualTo(FLOODERS);
        assertThat(withFlood.getValueAtPercentile(99)).isLessThanOrEqualTo(3 * baseline.getValueAtPercentile(99) + 50);
        assertThat(heapAfter - heapBefore).isLessThan(64L << 20);
    }

    @Test
    void aClientThatPingsWithoutReadingRunsIntoItsBudgetAndIsClosed4008() throws Exception {
        fx = GatewayFixture.start(b -> b.writeBufferWaterMarks(4 * 1024, 8 * 1024).maxQueuedBytesPerConnection(16 * 1024)
                .socketSendBufferBytes(4 * 1024));
        try (RawWsSocket s = new RawWsSocket(fx.gateway.port(), 2048)) {
            byte[] ping = pingFrame();
            long deadline = System.currentTimeMillis() + 60_000;
            // under the rate limit (100/s): only the budget can stop it
            while (fx.metric("tickgate_gateway_closes_total{code=\"4008\"}") == 0
                    && System.currentTimeMillis() < deadline) {
                s.write(ping);
                Thread.sleep(12);
            }
        } catch (IOException closedByServer) {
            // the server closed the socket after the close frame's grace period
        }
        assertThat(fx.metric("tickgate_gateway_closes_total{code=\"4008\"}")).isEqualTo(1);
        assertThat(fx.metric("tickgate_gateway_slow_consumer_disconnects_total")).isEqualTo(1);
        assertThat(fx.metric("tickgate_gateway_closes_total{code=\"4029\"}")).isZero();
    }

    @Test
    void pingsAreAnsweredWithTheirPayloadInOrderWithMessages() throws Exception {
        fx = GatewayFixture.start();
        try (RawWsSocket s = new RawWsSocket(fx.gateway.port())) {
            s.read(); // welcome
            s.write(pingFrame());
            RawWsSocket.Frame pong = s.read();
            assertThat(pong.opcode()).as("opcode pong").isEqualTo(0xA);
            assertThat(new String(pong.payload(), StandardCharsets.US_ASCII)).isEqualTo(pingPayload());
        }
        await().atMost(Duration.ofSeconds(5))
                .until(() -> fx.metric("tickgate_gateway_messages_in_total{type=\"ping\"}") == 1);
    }

    /** Connects again and again until {@code end}, each time sending pings as fast as it can, reading nothing. */
    private void flood(long end, AtomicInteger sessions, AtomicInteger pings) {
        byte[] ping = pingFrame();
        byte[] burst = new byte[ping.length * 64];
        for (int i = 0; i < 64; i++) {
            System.arraycopy(ping, 0, burst, i * ping.length, ping.length);
        }
        while (System.currentTimeMillis() < end && running) {
            try (RawWsSocket s = new RawWsSocket(fx.gateway.port(), 4096)) {
                sessions.incrementAndGet();
                while (System.currentTimeMillis() < end && running) {
                    s.write(burst);
                    pings.addAndGet(64);
                }
            } catch (IOException e) {
                // closed by the server: connect again, as an attacker would
                LockSupport.parkNanos(50_000_000);
            }
        }
    }

    private static String pingPayload() {
        return "x".repeat(125);
    }

    /** A masked ping with the largest control payload (125 bytes). */
    private static byte[] pingFrame() {
        return RawWsSocket.frame(0x89, pingPayload().getBytes(StandardCharsets.US_ASCII));
    }

    /** ~100 trades/s: 20,000 deliveries/s to the normal clients. */
    private void produce() {
        long n = 0;
        while (running) {
            fx.broker.publish(Events.trade("AAA", ++n));
            LockSupport.parkNanos(10_000_000);
        }
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
