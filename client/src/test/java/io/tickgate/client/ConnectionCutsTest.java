package io.tickgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 100 Java clients on trade topics at a few thousand messages/s while their TCP connections are cut for 60 s,
 * alternately by the server ({@code Gateway.disconnect}) and by the client ({@code reconnect()}, a socket drop).
 * At the end every client has every seq of its topics after its first snapshot exactly once.
 */
class ConnectionCutsTest {

    private static final int CLIENTS = 100;
    private static final int TOPICS = 10;
    private static final int RATE = 2_500;
    private static final long CHAOS_MILLIS = 60_000;

    @Test
    @Timeout(180)
    void everyClientGetsEverySeqExactlyOnceDespiteRepeatedCuts() throws Exception {
        List<String> symbols = new ArrayList<>();
        for (int i = 0; i < TOPICS; i++) {
            symbols.add("T" + i);
        }
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        List<TickgateClient> clients = new ArrayList<>();
        Map<TickgateClient, Map<String, TopicRecorder>> recorders = new ConcurrentHashMap<>();
        try (GatewayHarness gw = new GatewayHarness(symbols, RATE, b -> b)) {
            gw.startProducing();
            for (int i = 0; i < CLIENTS; i++) {
                TickgateClient c = new TickgateClient(ClientConfig.builder(gw.url())
                        .eventLoopGroup(group)
                        .reconnectDelay(new FullJitterBackoff(20, 500))
                        .stableMillis(2_000)
                        .build(), null);
                Map<String, TopicRecorder> mine = new ConcurrentHashMap<>();
                for (String sym : List.of(symbols.get(i % TOPICS), symbols.get((i + 3) % TOPICS))) {
                    TopicRecorder r = new TopicRecorder();
                    mine.put(GatewayHarness.topic(sym), r);
                    c.subscribe(GatewayHarness.topic(sym), r);
                }
                recorders.put(c, mine);
                clients.add(c.connect());
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> clients.stream().allMatch(c ->
                    recorders.get(c).keySet().stream().allMatch(t -> c.position(t).isPresent())));

            Random random = new Random(42);
            int serverCuts = 0;
            int clientCuts = 0;
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CHAOS_MILLIS);
            while (System.nanoTime() < end) {
                TickgateClient victim = clients.get(random.nextInt(CLIENTS));
                String id = victim.connectionId();
                if (random.nextBoolean()) {
                    if (id != null && gw.gateway().disconnect(id)) {
                        serverCuts++;
                    }
                } else {
                    victim.reconnect();
                    clientCuts++;
                }
                Thread.sleep(25);
            }
            gw.stopProducing();
            String epoch = gw.epoch();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                    clients.stream().allMatch(c -> recorders.get(c).entrySet().stream()
                            .allMatch(e -> e.getValue().last(epoch) == gw.lastSeq(e.getKey()))));

            long delivered = 0;
            long reconnects = 0;
            long duplicates = 0;
            long overflows = 0;
            for (TickgateClient c : clients) {
                for (Map.Entry<String, TopicRecorder> e : recorders.get(c).entrySet()) {
                    assertThat(e.getValue().check(epoch, gw.lastSeq(e.getKey()))).as(e.getKey()).isEmpty();
                }
                TickgateClient.Stats s = c.stats();
                assertThat(s.gaps()).as("no unrecoverable gap").isZero();
                delivered += s.messages();
                reconnects += s.reconnects();
                duplicates += s.duplicates();
                overflows += s.overflows();
            }
            System.out.printf("connection cuts: %d by the server, %d by clients; %d reconnects; %d messages "
                    + "delivered; %d duplicates dropped by clients; %d listener-queue overflows; last seqs %s%n",
                    serverCuts, clientCuts, reconnects, delivered, duplicates, overflows,
                    symbols.stream().map(s -> gw.lastSeq(GatewayHarness.topic(s))).toList());
            assertThat(serverCuts).isGreaterThan(100);
            assertThat(clientCuts).isGreaterThan(100);
            assertThat(duplicates).as("the server replays exactly what was missed").isZero();
        } finally {
            for (TickgateClient c : clients) {
                c.close();
            }
            group.shutdownGracefully(0, 200, TimeUnit.MILLISECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }
}
