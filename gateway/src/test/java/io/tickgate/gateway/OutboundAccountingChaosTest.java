package io.tickgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.tickgate.bus.testing.LeakWatch;
import io.tickgate.gateway.testsupport.Events;
import io.tickgate.gateway.testsupport.GatewayFixture;
import io.tickgate.gateway.testsupport.TestWsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbound accounting over real sockets under everything a crowd of clients does at once: reading, stalling
 * (shed by the per-connection budget, the total's guard or the queue age), stalling and reading again, resetting the
 * connection mid-stream, unsubscribing and subscribing again, batching ({@code ?batch=1}) and compression, on event
 * and state topics, with and without a write delay. Whatever happened, once every client is gone the process-wide
 * total ({@code outbound_queued_bytes}: queues, hand-overs and socket write buffers) is back to zero, and no buffer
 * leaked: a reservation never given back would, on a server that runs for months, grow until the guard sheds every
 * client.
 */
class OutboundAccountingChaosTest {

    private static final Logger LOG = LoggerFactory.getLogger(OutboundAccountingChaosTest.class);
    private static final long SEED = 20261202L;
    private static final String[] TOPICS = {"sim.AAA.trade", "sim.BBB.trade", "sim.AAA.ticker", "sim.AAA.kline.1m",
        "sim.AAA.book.top"};
    private static final long PUBLISH_MILLIS = 6_000;
    private static final long STALL_AT_MILLIS = 1_500;
    private static final long CONNECTION_BUDGET = 64 * 1024;
    private static final long CAP = 896 * 1024;

    /** How a client's frames are shaped. */
    private enum Framing { PLAIN, BATCH, COMPRESSED }

    /** What a client does while the publisher runs. */
    private enum Action { READ, STALL, STALL_THEN_READ, RESET, CHURN }

    private final LeakWatch leaks = new LeakWatch();
    private final ScheduledExecutorService actions = Executors.newScheduledThreadPool(2);
    private GatewayFixture fx;

    @AfterEach
    void stop() {
        actions.shutdownNow();
        if (fx != null) {
            fx.close();
        }
        leaks.close();
    }

    @ParameterizedTest(name = "write delay {0} ms")
    @ValueSource(ints = {0, 2})
    void theOutboundTotalIsBackToZeroOnceEveryClientIsGone(int writeDelayMillis) throws Exception {
        fx = GatewayFixture.start(b -> b.maxQueuedBytesPerConnection(CONNECTION_BUDGET).maxTotalQueuedBytes(CAP)
                .maxQueueDelayMillis(1_500).writeBufferWaterMarks(8 * 1024, 16 * 1024).socketSendBufferBytes(8 * 1024)
                .compression(true).writeDelayMillis(writeDelayMillis));
        for (String symbol : List.of("AAA", "BBB")) {
            fx.broker.publish(Events.trade(symbol, 0));
        }
        fx.broker.publish(Events.ticker("AAA", "100"));
        fx.broker.publish(Events.kline("AAA", "100", false));
        fx.broker.publish(Events.bookTop("AAA", "100", "101"));
        fx.awaitHubCaughtUp();

        Random random = new Random(SEED + writeDelayMillis);
        AtomicLong received = new AtomicLong();
        List<TestWsClient> clients = new ArrayList<>();
        List<Action> acts = new ArrayList<>();
        for (Framing framing : Framing.values()) {
            for (Action action : Action.values()) {
                for (int i = 0; i < 3; i++) {
                    clients.add(connect(framing, clients.size(), random, received));
                    acts.add(action);
                }
            }
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> fx.metric("tickgate_gateway_subscriptions")
                == 2 * clients.size());
        for (int i = 0; i < clients.size(); i++) {
            act(clients.get(i), acts.get(i), i, random);
        }

        long id = 0;
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PUBLISH_MILLIS);
        while (System.nanoTime() < end) {
            for (int i = 0; i < 2; i++) {
                fx.broker.publish(Events.trade("AAA", ++id));
                fx.broker.publish(Events.trade("BBB", id));
            }
            fx.broker.publish(Events.ticker("AAA", "100." + id % 97));
            fx.broker.publish(Events.kline("AAA", "100." + id % 89, id % 200 == 0));
            fx.broker.publish(Events.bookTop("AAA", "100." + id % 83, "101"));
            Thread.sleep(10);
        }
        actions.shutdownNow();
        actions.awaitTermination(5, TimeUnit.SECONDS);
        double shed = fx.metric("tickgate_gateway_closes_total{code=\"4008\"}");
        LOG.info("outbound chaos (write delay {} ms): {} trades per symbol, {} messages read by the clients, "
                + "{} closed with 4008; {}", writeDelayMillis, id, received.get(), shed, fx.registry.scrape().lines()
                .filter(l -> l.startsWith("tickgate_gateway_slow_consumer_closes")).toList());

        Map<Action, Integer> closedBy = new EnumMap<>(Action.class);
        for (int i = 0; i < clients.size(); i++) {
            if (!clients.get(i).isOpen()) {
                closedBy.merge(acts.get(i), 1, Integer::sum);
            }
        }
        LOG.info("closed by the time publishing ended, per action (of {} each): {}", clients.size() / 5, closedBy);
        for (TestWsClient c : clients) {
            c.channel().config().setAutoRead(true);
            c.close();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> fx.metric("tickgate_gateway_connections") == 0);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                fx.metric("tickgate_gateway_outbound_queued_bytes")).as("outbound total with no client").isZero());
        assertThat(shed).as("slow consumers were closed (the test reached the shedding paths)").isPositive();
        assertThat(received.get()).as("readers got data").isPositive();
        assertThat(leaks.leaks()).isEmpty();
    }

    private TestWsClient connect(Framing framing, int n, Random random, AtomicLong received) {
        TestWsClient.Options options = TestWsClient.options().compression(framing == Framing.COMPRESSED)
                .receiveBufferBytes(16 * 1024).listener(text -> received.incrementAndGet());
        TestWsClient c = fx.connectRaw(framing == Framing.BATCH ? "/ws?batch=1" : "/ws", options);
        String topic = TOPICS[n % TOPICS.length];
        String other = TOPICS[(n + 1 + random.nextInt(TOPICS.length - 1)) % TOPICS.length];
        c.send("{\"type\":\"subscribe\",\"topics\":[\"" + topic + "\",\"" + other + "\"]}");
        return c;
    }

    /**
     * Schedules what {@code c} does: the stalling ones stop reading together {@link #STALL_AT_MILLIS} in (a wave that
     * may reach the total's guard as well as the per-connection budgets), then read again or reset.
     */
    private void act(TestWsClient c, Action action, int n, Random random) {
        SocketChannel ch = (SocketChannel) c.channel();
        String topic = TOPICS[n % TOPICS.length];
        switch (action) {
            case READ -> { }
            case STALL -> actions.schedule(() -> stall(ch), STALL_AT_MILLIS, TimeUnit.MILLISECONDS);
            case STALL_THEN_READ -> {
                actions.schedule(() -> stall(ch), STALL_AT_MILLIS, TimeUnit.MILLISECONDS);
                actions.schedule(() -> ch.config().setAutoRead(true), STALL_AT_MILLIS + 100 + random.nextInt(1_500),
                        TimeUnit.MILLISECONDS);
            }
            case RESET -> {
                actions.schedule(() -> stall(ch), STALL_AT_MILLIS, TimeUnit.MILLISECONDS); // a backlog to abandon
                actions.schedule(() -> {
                    ch.config().setOption(ChannelOption.SO_LINGER, 0);
                    ch.close();
                }, STALL_AT_MILLIS + 50 + random.nextInt(400), TimeUnit.MILLISECONDS);
            }
            case CHURN -> actions.scheduleWithFixedDelay(() -> {
                if (c.isOpen()) {
                    c.send("{\"type\":\"unsubscribe\",\"topic\":\"" + topic + "\"}");
                    c.send("{\"type\":\"subscribe\",\"topic\":\"" + topic + "\"}");
                }
            }, random.nextInt(60), 60, TimeUnit.MILLISECONDS);
        }
    }

    private static void stall(SocketChannel ch) {
        ch.config().setAutoRead(false);
    }
}
