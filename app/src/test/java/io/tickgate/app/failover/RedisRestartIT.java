package io.tickgate.app.failover;

import static io.tickgate.app.failover.NodeProbe.ready;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.tickgate.app.DemoProcess;
import io.tickgate.bus.testing.RedisServer;
import io.tickgate.client.ClientConfig;
import io.tickgate.client.ClientListener;
import io.tickgate.client.FullJitterBackoff;
import io.tickgate.client.Gap;
import io.tickgate.client.TickgateClient;
import io.tickgate.client.UpstreamGap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Redis killed and started again empty under two running tickgate processes (the demo with the feeds, and a gateway
 * without feeds), with Java clients subscribed to trade topics. Three groups of clients: on the feed node, staying
 * connected through it (they get the new epoch as a live snapshot); on the feed node, reconnecting while Redis is
 * down (they resume while the broker cannot answer); on the second node, which is stopped before Redis goes and
 * started as soon as it is back, before the feeds publish again (they resume with the lost epoch: accepted, then
 * {@code resumed:false} and a snapshot with the topic's first message). Every client
 * ends in the topic's new epoch; no data message continues an epoch other than its predecessor's; no two clients see
 * different trades at the same epoch and seq (no seq reused under one epoch); the feed node's {@code /ready} is 503
 * while Redis is down and 200 after; the publishes lost meanwhile are counted; both processes stay healthy; no client
 * is sent an error (the second node accepts the feed node's topics before it has seen them published: they are
 * declared in the broker's directory, again after Redis restarted empty).
 */
@Timeout(300)
class RedisRestartIT {

    private static final int PER_GROUP = 10;
    private static final int TOPICS = 4;
    /** The {@code error} messages the clients got (e.g. a subscribe refused), named in a failed wait's message. */
    private static final List<String> SERVER_ERRORS = Collections.synchronizedList(new ArrayList<>());

    @Test
    void redisRestartedEmptyDuringARunGivesNewEpochsAndEveryClientRecovers() throws Exception {
        try (RedisServer redis = RedisServer.startOnFreePort()) {
            run(redis);
        }
    }

    private static void run(RedisServer redis) throws Exception {
        // both processes start at once (a JVM start takes a while on a loaded machine)
        CompletableFuture<DemoProcess> second = CompletableFuture.supplyAsync(() -> start("gateway", redis.url(),
                "--no-feeds"));
        DemoProcess first;
        try {
            // leases of 30 s, taken every 10 s: after Redis is back the feeds publish again only seconds later, so the
            // second node (restarted at once) comes up while only the directory says which topics exist
            first = start("demo", redis.url(), "--set", "broker.queueCapacity=256",
                    "--set", "feeds.leaseTtlMillis=30000");
        } catch (RuntimeException e) {
            second.thenAccept(DemoProcess::close);
            throw e;
        }
        try (DemoProcess feed = first; DemoProcess node2 = second.join()) {
            List<String> topics = NodeProbe.tradeTopics(feed, TOPICS, "binance.BTCUSDT.trade",
                    "binance.ETHUSDT.trade", "okx.BTC-USDT.trade", "okx.ETH-USDT.trade");
            assertThat(topics).hasSize(TOPICS);
            // no wait for the second node to know the topics: the feed node's declared topics are in the broker's
            // directory before its gateway listens, and a node that has not heard of one yet asks the directory
            // before it would refuse a subscribe (UNKNOWN_TOPIC, which clients do not retry)
            EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
            List<TickgateClient> stay = new ArrayList<>();
            List<TickgateClient> early = new ArrayList<>();
            List<TickgateClient> late = new ArrayList<>();
            List<Map<String, TopicTrail>> stayTrails = new ArrayList<>();
            List<Map<String, TopicTrail>> earlyTrails = new ArrayList<>();
            List<Map<String, TopicTrail>> lateTrails = new ArrayList<>();
            try {
                for (int i = 0; i < PER_GROUP; i++) {
                    stay.add(client(group, feed, topics, i, stayTrails));
                    early.add(client(group, feed, topics, i + 1, earlyTrails));
                    late.add(client(group, node2, topics, i + 2, lateTrails));
                }
                List<Map<String, TopicTrail>> all = new ArrayList<>(stayTrails);
                all.addAll(earlyTrails);
                all.addAll(lateTrails);
                waitFor("every client subscribed and trading before the restart", all, Duration.ofSeconds(60), () ->
                        all.stream().flatMap(m -> m.values().stream()).allMatch(t -> t.steps().stream()
                                .anyMatch(s -> s.kind() == TopicTrail.Kind.DATA)));
                Map<String, String> oldEpoch = new HashMap<>();
                for (String t : topics) {
                    oldEpoch.put(t, anyTrail(all, t).last().epoch());
                }
                assertThat(ready(feed)).as("feed node ready before: " + NodeProbe.get(feed, "/ready").body())
                        .isEqualTo(200);
                double droppedBefore = NodeProbe.counter(feed, "tickgate_broker_dropped_total");

                node2.stop();
                redis.stop();
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                        .until(() -> ready(feed) == 503);
                assertThat(NodeProbe.get(feed, "/ready").body()).contains("broker");
                early.forEach(TickgateClient::reconnect);
                Thread.sleep(3_000);
                assertThat(ready(feed)).as("still not ready while Redis is down").isEqualTo(503);
                redis.start();
                // the second node starts at once, while the feed node still waits for its shard leases (its feeds
                // publish again only then): the second node must know the topics from the directory, which the feed
                // node fills again as soon as it has reconnected
                node2.restart("--broker", redis.url(), "--set", "broker.commandTimeoutMillis=5000", "--no-feeds");
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                        .until(() -> ready(feed) == 200);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                        .until(() -> ready(node2) == 200);

                // every client reaches the new epoch of each topic, then the head some client reached by then
                waitFor("every client in a new epoch of each topic", all, Duration.ofSeconds(60), () ->
                        all.stream().allMatch(m -> m.entrySet().stream().allMatch(e -> e.getValue().last() != null
                                && !e.getValue().last().epoch().equals(oldEpoch.get(e.getKey())))));
                Map<String, TopicTrail.Step> head = new HashMap<>();
                for (String t : topics) {
                    head.put(t, anyTrail(all, t).last());
                }
                waitFor("every client at the head seen by then " + head, all, Duration.ofSeconds(30), () ->
                        all.stream().allMatch(m -> m.entrySet().stream().allMatch(e -> {
                            TopicTrail.Step last = e.getValue().last();
                            TopicTrail.Step h = head.get(e.getKey());
                            return last.epoch().equals(h.epoch()) && last.seq() >= h.seq();
                        })));

                List<String> problems = new ArrayList<>();
                check("stay", stayTrails, problems);
                check("early", earlyTrails, problems);
                check("late", lateTrails, problems);
                problems.addAll(conflicts(all));
                for (int i = 0; i < lateTrails.size(); i++) {
                    for (Map.Entry<String, TopicTrail> e : lateTrails.get(i).entrySet()) {
                        if (!resumedWithSnapshot(e.getValue(), oldEpoch.get(e.getKey()))) {
                            problems.add("late " + i + " " + e.getKey()
                                    + ": no EPOCH_CHANGED gap followed by a snapshot of a new epoch");
                        }
                    }
                }
                double dropped = NodeProbe.counter(feed, "tickgate_broker_dropped_total") - droppedBefore;
                System.out.printf("RedisRestartIT: topics %s, epochs before %s, heads after %s, publishes dropped "
                        + "while Redis was down %.0f, gaps reported by clients %d, gap notices (trades lost) "
                        + "received %d%n",
                        topics, oldEpoch, head, dropped, count(all, TopicTrail.Kind.GAP),
                        count(all, TopicTrail.Kind.NOTICE));
                assertThat(problems).as("clients' trails").isEmpty();
                assertThat(SERVER_ERRORS).as("errors sent to clients (a refused subscribe is not retried)").isEmpty();
                for (String t : topics) {
                    assertThat(head.get(t).epoch()).as("new epoch of " + t).isNotEqualTo(oldEpoch.get(t));
                }
                assertThat(dropped).as("publishes dropped (and counted) while Redis was down").isPositive();
                List<TickgateClient> clients = new ArrayList<>(stay);
                clients.addAll(early);
                clients.addAll(late);
                assertThat(clients.stream().mapToLong(c -> c.stats().overflows()).sum()).isZero();
                assertThat(NodeProbe.get(feed, "/health").statusCode()).isEqualTo(200);
                assertThat(NodeProbe.get(node2, "/health").statusCode()).isEqualTo(200);
                assertThat(ready(feed)).isEqualTo(200);
            } finally {
                for (TickgateClient c : stay) {
                    c.close();
                }
                early.forEach(TickgateClient::close);
                late.forEach(TickgateClient::close);
                group.shutdownGracefully(0, 200, TimeUnit.MILLISECONDS);
            }
        }
    }

    /**
     * {@code tickgate <command> --broker <url> ...}; Redis commands may take up to 5 s (not the default 2 s) before
     * they count as failed, as other builds share this machine's 2 cores.
     */
    private static DemoProcess start(String command, String url, String... more) {
        List<String> args = new ArrayList<>(List.of("--broker", url, "--set", "broker.commandTimeoutMillis=5000"));
        args.addAll(List.of(more));
        try {
            return DemoProcess.node(command, args.toArray(String[]::new));
        } catch (Exception e) {
            throw new IllegalStateException(command + " did not start", e);
        }
    }

    /** Waits for {@code done}; on timeout fails with every client's last message of each topic. */
    private static void waitFor(String what, List<Map<String, TopicTrail>> all, Duration atMost,
                                java.util.function.BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                StringBuilder b = new StringBuilder(what + ": not within " + atMost + "; last per client and topic:");
                for (int i = 0; i < all.size(); i++) {
                    for (Map.Entry<String, TopicTrail> e : all.get(i).entrySet()) {
                        b.append("\n  ").append(i).append(' ').append(e.getKey()).append(' ')
                                .append(e.getValue().last()).append(", ").append(e.getValue().steps().size())
                                .append(" steps");
                    }
                }
                synchronized (SERVER_ERRORS) {
                    b.append("\nerrors sent to clients: ").append(SERVER_ERRORS);
                }
                throw new AssertionError(b.toString());
            }
            Thread.sleep(300);
        }
    }

    /** A client on {@code node} subscribed to two of the topics (picked by {@code k}); its trails go to {@code out}. */
    private static TickgateClient client(EventLoopGroup group, DemoProcess node, List<String> topics, int k,
                                         List<Map<String, TopicTrail>> out) {
        Map<String, TopicTrail> trails = new HashMap<>();
        int index = out.size();
        TickgateClient c = new TickgateClient(ClientConfig.builder("ws://127.0.0.1:" + node.port() + "/ws")
                .eventLoopGroup(group).reconnectDelay(new FullJitterBackoff(50, 1_000)).build(),
                new ClientListener() {
                    @Override
                    public void onGap(Gap gap) {
                        trails.get(gap.topic()).onGap(gap);
                    }

                    @Override
                    public void onUpstreamGap(UpstreamGap gap) {
                        trails.get(gap.topic()).onUpstreamGap(gap);
                    }

                    @Override
                    public void onServerError(JsonNode error) {
                        SERVER_ERRORS.add("client " + index + " of node " + node.port() + ": " + error);
                    }
                });
        for (int j = 0; j < 2; j++) {
            String t = topics.get((k + j) % topics.size());
            TopicTrail trail = new TopicTrail();
            trails.put(t, trail);
            c.subscribe(t, trail);
        }
        out.add(trails);
        c.connect();
        return c;
    }

    private static TopicTrail anyTrail(List<Map<String, TopicTrail>> all, String topic) {
        return all.stream().filter(m -> m.containsKey(topic)).findFirst().orElseThrow().get(topic);
    }

    private static void check(String name, List<Map<String, TopicTrail>> trails, List<String> problems) {
        for (int i = 0; i < trails.size(); i++) {
            for (Map.Entry<String, TopicTrail> e : trails.get(i).entrySet()) {
                String p = e.getValue().problems();
                if (!p.isEmpty()) {
                    problems.add(name + " " + i + " " + e.getKey() + ": " + p);
                }
            }
        }
    }

    private static long count(List<Map<String, TopicTrail>> all, TopicTrail.Kind kind) {
        return all.stream().flatMap(m -> m.values().stream()).flatMap(t -> t.steps().stream())
                .filter(s -> s.kind() == kind).count();
    }

    /** Two clients given different trades at one topic's epoch and seq: a seq reused. */
    private static List<String> conflicts(List<Map<String, TopicTrail>> all) {
        Map<String, String> idAt = new HashMap<>();
        List<String> out = new ArrayList<>();
        for (Map<String, TopicTrail> m : all) {
            for (Map.Entry<String, TopicTrail> e : m.entrySet()) {
                for (TopicTrail.Step s : e.getValue().steps()) {
                    if (s.kind() == TopicTrail.Kind.DATA) {
                        String key = e.getKey() + " " + s.epoch() + ":" + s.seq();
                        String was = idAt.putIfAbsent(key, s.id());
                        if (was != null && !was.equals(s.id())) {
                            out.add(key + " carries trade " + was + " for one client, " + s.id() + " for another");
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The trail holds an EPOCH_CHANGED gap away from {@code oldEpoch}, then a snapshot of the new epoch. */
    private static boolean resumedWithSnapshot(TopicTrail trail, String oldEpoch) {
        List<TopicTrail.Step> steps = trail.steps();
        for (int i = 0; i + 1 < steps.size(); i++) {
            TopicTrail.Step g = steps.get(i);
            TopicTrail.Step next = steps.get(i + 1);
            if (g.kind() == TopicTrail.Kind.GAP && g.id().equals(Gap.Reason.EPOCH_CHANGED.name())
                    && next.kind() == TopicTrail.Kind.SNAPSHOT && !next.epoch().equals(oldEpoch)
                    && next.epoch().equals(g.epoch())) {
                return true;
            }
        }
        return false;
    }
}
