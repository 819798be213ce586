package io.tickgate.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three tickgate processes on one test-owned Redis, the feeds (demo: simulator + feed pools) on the first, the
 * others gateway nodes without feeds. 300 Java clients spread over the three nodes (each with the other two as
 * failover) subscribe to trade topics; after a steady stretch the third node is killed with SIGKILL; its clients move
 * to the others and resume. Every client must see every seq of its topics exactly once, with the trade id the topic
 * carries at that seq (a reference client on the feed node never moves), no gap and no duplicate; every snapshot, on
 * any node, must hold exactly the trades the topic had at its seq.
 */
@Timeout(300)
class ClusterNodesIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int CLIENTS = 300;
    private static final int TOPICS = 6;
    private static final Duration STEADY = Duration.ofSeconds(20);

    @Test
    void threeNodesOnRedisEveryClientSeesEverySeqOnceThroughANodeKill() throws Exception {
        try (RedisServer redis = RedisServer.startOnFreePort();
             DemoProcess feedNode = DemoProcess.node("demo", "--broker", redis.url());
             DemoProcess node2 = DemoProcess.node("gateway", "--broker", redis.url(), "--no-feeds");
             DemoProcess node3 = DemoProcess.node("gateway", "--broker", redis.url(), "--no-feeds")) {
            List<DemoProcess> nodes = List.of(feedNode, node2, node3);
            List<String> topics = busyTradeTopics(feedNode);
            EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
            Map<String, TopicLog> reference = new HashMap<>();
            List<TickgateClient> clients = new ArrayList<>();
            List<Map<String, TopicLog>> logs = new ArrayList<>();
            List<Gap> gaps = new CopyOnWriteArrayList<>();
            ClientListener gapListener = new ClientListener() {
                @Override
                public void onGap(Gap gap) {
                    gaps.add(gap);
                }
            };
            try {
                TickgateClient ref = new TickgateClient(ClientConfig.builder(ws(feedNode)).eventLoopGroup(group)
                        .build(), gapListener);
                clients.add(ref);
                for (String t : topics) {
                    TopicLog log = new TopicLog();
                    reference.put(t, log);
                    ref.subscribe(t, log);
                }
                ref.connect();
                for (int i = 0; i < CLIENTS; i++) {
                    DemoProcess home = nodes.get(i % 3);
                    ClientConfig.Builder b = ClientConfig.builder(ws(home)).eventLoopGroup(group)
                            .reconnectDelay(new FullJitterBackoff(50, 1_000));
                    for (int k = 1; k < 3; k++) {
                        b.failover(URI.create(ws(nodes.get((i + k) % 3))));
                    }
                    TickgateClient c = new TickgateClient(b.build(), gapListener);
                    Map<String, TopicLog> mine = new HashMap<>();
                    for (int k = 0; k < 2; k++) {
                        String t = topics.get((i + k) % TOPICS);
                        TopicLog log = new TopicLog();
                        mine.put(t, log);
                        c.subscribe(t, log);
                    }
                    clients.add(c);
                    logs.add(mine);
                    c.connect();
                }
                Thread.sleep(STEADY.toMillis());
                node3.kill();
                Thread.sleep(STEADY.toMillis());
                Map<String, Long> until = new HashMap<>();
                for (String t : topics) {
                    until.put(t, reference.get(t).last());
                }
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                        logs.stream().allMatch(m -> m.entrySet().stream()
                                .allMatch(e -> e.getValue().last() >= until.get(e.getKey()))));
                Map<String, Map<Long, String>> idAt = new HashMap<>();
                for (String t : topics) {
                    idAt.put(t, idsBySeq(reference.get(t)));
                }
                List<String> problems = new ArrayList<>();
                for (int i = 0; i < logs.size(); i++) {
                    for (Map.Entry<String, TopicLog> e : logs.get(i).entrySet()) {
                        String p = check(e.getValue(), idAt.get(e.getKey()), until.get(e.getKey()));
                        if (!p.isEmpty()) {
                            problems.add("client " + i + " " + e.getKey() + ": " + p);
                        }
                    }
                }
                long checked = logs.stream().flatMap(m -> m.values().stream()).mapToLong(l -> l.entries().size()).sum();
                System.out.printf("ClusterNodesIT: %d clients, %d topics, %d messages checked, until %s%n",
                        logs.size(), topics.size(), checked, until);
                String said = diagnostics(nodes);
                System.out.printf("ClusterNodesIT: the nodes said (the killed one: its log only):%n%s", said);
                assertThat(problems).as("clients' logs; the nodes said:%n%s", said).isEmpty();
                assertThat(until.values()).as("the topics moved during the run").allMatch(seq -> seq > 20);
                assertThat(gaps).as("gaps reported by clients").isEmpty();
                long duplicates = clients.stream().mapToLong(c -> c.stats().duplicates()).sum();
                assertThat(duplicates).as("duplicates dropped by clients").isZero();
                long moved = clients.stream().mapToLong(c -> c.stats().reconnects()).sum();
                assertThat(moved).as("reconnects (the killed node's clients)").isGreaterThanOrEqualTo(CLIENTS / 3);
            } finally {
                for (TickgateClient c : clients) {
                    c.close();
                }
                group.shutdownGracefully(0, 200, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        }
    }

    /**
     * Problems in one client's log of a topic: one epoch; a snapshot first, whose trades are the topic's at its seq;
     * then data messages seq by seq, each with the topic's trade id at that seq, up to at least {@code until}.
     */
    private static String check(TopicLog log, Map<Long, String> idAt, long until) {
        List<TopicLog.Entry> entries = log.entries();
        if (entries.isEmpty() || !entries.get(0).snapshot()) {
            return "no snapshot first";
        }
        String epoch = entries.get(0).epoch();
        long expect = -1;
        for (TopicLog.Entry e : entries) {
            if (!e.epoch().equals(epoch)) {
                return "epoch changed " + epoch + " -> " + e.epoch();
            }
            if (e.snapshot()) {
                if (expect != -1) {
                    return "a second snapshot at " + e.seq() + " (a reset: history lost)";
                }
                for (int k = 0; k < e.ids().size(); k++) {
                    long seq = e.seq() - e.ids().size() + 1 + k;
                    String want = idAt.get(seq);
                    if (want != null && !want.equals(e.ids().get(k))) {
                        return "snapshot at " + e.seq() + " holds id " + e.ids().get(k) + " at seq " + seq
                                + ", the topic had " + want;
                    }
                }
                expect = e.seq() + 1;
                continue;
            }
            if (e.seq() != expect) {
                return "expected seq " + expect + ", got " + e.seq();
            }
            String want = idAt.get(e.seq());
            if (want != null && !want.equals(e.ids().get(0))) {
                return "seq " + e.seq() + " carries id " + e.ids().get(0) + ", the topic had " + want;
            }
            expect++;
        }
        return expect - 1 >= until ? "" : "ends at " + (expect - 1) + " before " + until;
    }

    /** The reference client's view: the trade id at each seq it saw (snapshot trades and data). */
    private static Map<Long, String> idsBySeq(TopicLog reference) {
        Map<Long, String> out = new HashMap<>();
        for (TopicLog.Entry e : reference.entries()) {
            for (int k = 0; k < e.ids().size(); k++) {
                out.put(e.seq() - e.ids().size() + 1 + k, e.ids().get(k));
            }
        }
        return out;
    }

    /**
     * {@value #TOPICS} trade topics of the feed node, half from each venue (the first symbols by name). A node on a
     * shared broker follows only the topics its clients use, so /api/v1/topics lists them all but gives no rates.
     */
    private static List<String> busyTradeTopics(DemoProcess feedNode) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(feedNode.baseUrl() + "api/v1/topics"))
                .build(), HttpResponse.BodyHandlers.ofString());
        JsonNode root = MAPPER.readTree(r.body());
        JsonNode list = root.isArray() ? root : root.path("topics");
        Map<String, List<String>> byVenue = new java.util.TreeMap<>();
        for (JsonNode t : list) {
            String name = t.path("topic").asText();
            if (name.endsWith(".trade")) {
                byVenue.computeIfAbsent(name.substring(0, name.indexOf('.')), v -> new ArrayList<>()).add(name);
            }
        }
        List<String> found = new ArrayList<>();
        for (List<String> names : byVenue.values()) {
            names.sort(null);
            found.addAll(names.subList(0, Math.min(TOPICS / Math.max(1, byVenue.size()), names.size())));
        }
        assertThat(found).as("trade topics of the feed node").hasSize(TOPICS);
        return found;
    }

    /**
     * What the surviving nodes' hubs counted (resumes by result, resyncs, gaps, drops) and logged about topics they
     * resynchronized or could not resume: the first thing to read when a client saw a reset.
     */
    private static String diagnostics(List<DemoProcess> nodes) {
        StringBuilder out = new StringBuilder();
        HttpClient http = HttpClient.newHttpClient();
        for (DemoProcess n : nodes) {
            out.append("node :").append(n.port()).append('\n');
            try {
                if (!n.isAlive()) {
                    throw new IllegalStateException("killed");
                }
                String metrics = http.send(HttpRequest.newBuilder(URI.create(n.baseUrl() + "metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                metrics.lines().filter(l -> l.matches("tickgate_gateway_(resumes|hub_(resyncs|gaps|dropped)"
                        + "|hub_broker_history).*")).forEach(l -> out.append("  ").append(l).append('\n'));
            } catch (Exception e) {
                out.append("  (metrics unreadable: ").append(e).append(")\n");
            }
            n.log().lines().filter(l -> l.contains("resynchroniz") || l.contains("broker history")
                    || l.contains(" WARN ") || l.contains(" ERROR ")).limit(40)
                    .forEach(l -> out.append("  ").append(l).append('\n'));
        }
        return out.toString();
    }

    private static String ws(DemoProcess node) {
        return "ws://127.0.0.1:" + node.port() + "/ws";
    }
}
