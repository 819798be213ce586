package io.tickgate.app.cluster;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickgate.app.DemoProcess;
import io.tickgate.bus.testing.RedisServer;
import io.tickgate.bus.testing.Resp;
import io.tickgate.model.venue.Venue;
import io.tickgate.simulator.instrument.Instrument;
import io.tickgate.simulator.venue.VenueSimulator;
import io.tickgate.simulator.venue.VenueSimulatorConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Three {@code tickgate gateway} processes from the shipped jar on one test-owned Redis, their feeds sharing the venue
 * simulator (in this JVM, so pausing or killing a node leaves the venues running): Binance and OKX with
 * {@value #SHARDS} shards each ({@code <venue>.shards}), channels trade and book only, a short lease TTL. Reads each
 * node's {@code /api/v1/feeds}, {@code /metrics} and the topics' Redis {@code meta} hash.
 */
final class ShardedCluster implements AutoCloseable {

    static final int SHARDS = 3;
    static final List<Venue> VENUES = List.of(Venue.BINANCE, Venue.OKX);
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The nodes' JVMs compile with C1 only and collect with one thread: half the CPU to start (these tests measure no
     * speed, and three nodes start at once on a machine with few cores).
     */
    private static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    /** A shard as a node's {@code /api/v1/feeds} shows it. */
    record Shard(String name, String owner, long generation, boolean local, long backfilled, long unrecoverable,
                 long suppliedByStandby, String standby, List<String> topics) {
    }

    /** What a test does with the cluster and its clients. */
    interface Scenario {
        void run(ShardedCluster cluster, Watchers watchers) throws Exception;
    }

    private final RedisServer redis;
    private final VenueSimulator sim;
    private final List<DemoProcess> nodes = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    private ShardedCluster(RedisServer redis, VenueSimulator sim) {
        this.redis = redis;
        this.sim = sim;
    }

    /**
     * Starts Redis, the simulator ({@code symbols} per venue, {@code eventsPerSecond} per venue) and three nodes (in
     * parallel), and waits until every shard is owned, {@value #SHARDS} * 2 / 3 per node.
     */
    static ShardedCluster start(long leaseTtlMillis, int symbols, int eventsPerSecond, boolean standby)
            throws Exception {
        RedisServer redis = RedisServer.startOnFreePort();
        VenueSimulator sim;
        try {
            VenueSimulatorConfig.Builder b = VenueSimulatorConfig.builder().seed(42).symbolsPerSource(symbols)
                    .eventsPerSecond(eventsPerSecond);
            VENUES.forEach(v -> b.port(v, 0));
            sim = VenueSimulator.start(b.build());
        } catch (RuntimeException e) {
            redis.close();
            throw e;
        }
        ShardedCluster c = new ShardedCluster(redis, sim);
        try {
            Path config = c.writeConfig(leaseTtlMillis, standby);
            ExecutorService starter = Executors.newFixedThreadPool(3);
            List<Future<DemoProcess>> started = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    started.add(starter.submit(() -> DemoProcess.node(JVM_OPTIONS, "gateway", "--broker",
                            redis.url(), "--config", config.toString())));
                }
                for (Future<DemoProcess> f : started) {
                    c.nodes.add(f.get());
                }
            } catch (Exception e) {
                for (Future<DemoProcess> f : started) {
                    try {
                        DemoProcess p = f.get();
                        if (!c.nodes.contains(p)) {
                            c.nodes.add(p); // closed below with the others
                        }
                    } catch (Exception ignored) {
                        // this one did not start
                    }
                }
                throw e;
            } finally {
                starter.shutdown();
            }
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).until(() -> {
                for (DemoProcess n : c.nodes) {
                    if (c.shards(n).values().stream().filter(Shard::local).count() != SHARDS * 2 / 3) {
                        return false;
                    }
                }
                return true;
            });
            return c;
        } catch (Exception | AssertionError e) {
            System.out.println("ShardedCluster did not start evenly: " + e);
            for (DemoProcess n : c.nodes) {
                try {
                    System.out.println("node :" + n.port() + " /api/v1/feeds shards: " + c.get(n, "api/v1/feeds")
                            .path("shards"));
                } catch (Exception ignored) {
                    System.out.println("node :" + n.port() + " /api/v1/feeds unreadable");
                }
            }
            System.out.println(c.logs());
            c.close();
            throw e;
        }
    }

    /**
     * Starts the cluster (6 symbols per venue, 600 events/s per venue) and {@code clients} {@link Watchers} on every
     * trade and book topic, and runs {@code scenario}; on a failure prints the nodes' logs and the Redis stream around
     * the first problem of each trade topic the clients found wrong.
     */
    static void run(long leaseTtlMillis, int clients, Scenario scenario) throws Exception {
        run(leaseTtlMillis, clients, false, scenario);
    }

    /** As {@link #run(long, int, Scenario)}; {@code standby}: every venue with a hot standby per shard. */
    static void run(long leaseTtlMillis, int clients, boolean standby, Scenario scenario) throws Exception {
        try (ShardedCluster cluster = start(leaseTtlMillis, 6, 600, standby);
             Watchers watchers = new Watchers(cluster.nodes(), clients, cluster.topics("trade"),
                     cluster.topics("book"))) {
            try {
                scenario.run(cluster, watchers);
            } catch (AssertionError | RuntimeException e) {
                System.out.println(cluster.logs());
                watchers.problems().forEach(System.out::println);
                watchers.problemSeqs().forEach((topic, seq) -> System.out.println(cluster.streamAround(topic, seq)));
                throw e;
            }
        }
    }

    /**
     * Waits (at most 30 s) until {@code observer} shows every shard of {@code held} owned by a node other than
     * {@code from}, at a newer generation.
     */
    void awaitMoved(Map<String, Shard> held, String from, DemoProcess observer) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Map<String, Shard> now = shards(observer);
            return held.values().stream().allMatch(h -> now.get(h.name()).owner() != null
                    && !now.get(h.name()).owner().equals(from) && now.get(h.name()).generation() > h.generation());
        });
    }

    /** Every node reads the same file: the simulator's URLs and symbols, the shards, the lease TTL, the standby. */
    private Path writeConfig(long leaseTtlMillis, boolean standby) throws Exception {
        StringBuilder y = new StringBuilder();
        y.append("store: {enabled: false}\n");
        y.append("feeds: {leaseTtlMillis: ").append(leaseTtlMillis).append("}\n");
        for (Venue v : VENUES) {
            String host = "127.0.0.1:" + sim.port(v);
            boolean binance = v.equals(Venue.BINANCE);
            y.append(v.id()).append(":\n");
            y.append("  url: ws://").append(host).append(binance ? "" : "/ws/v5/public").append('\n');
            y.append("  restUrl: http://").append(host).append('\n');
            y.append("  symbols: [").append(String.join(", ", symbols(v))).append("]\n");
            y.append("  channels: [").append(binance ? "trade, depth@100ms" : "trades, books").append("]\n");
            y.append("  minConnections: 1\n  maxConnections: 2\n  klineIntervals: []\n  backoffCapMillis: 2000\n");
            y.append("  shards: ").append(SHARDS).append('\n');
            y.append("  standby: ").append(standby).append('\n');
        }
        Path file = Files.createTempFile("tickgate-sharded", ".yaml");
        Files.writeString(file, y);
        return file;
    }

    List<String> symbols(Venue v) {
        return sim.symbols(v).stream().map(Instrument::symbol).toList();
    }

    /** Every topic of the channel ({@code trade} or {@code book}) over both venues. */
    List<String> topics(String channel) {
        List<String> out = new ArrayList<>();
        for (Venue v : VENUES) {
            symbols(v).forEach(s -> out.add(v.id() + "." + s + "." + channel));
        }
        return out;
    }

    List<DemoProcess> nodes() {
        return nodes;
    }

    /** The shards as {@code node} sees them, by name. */
    Map<String, Shard> shards(DemoProcess node) throws Exception {
        Map<String, Shard> out = new LinkedHashMap<>();
        for (JsonNode s : get(node, "api/v1/feeds").path("shards")) {
            List<String> topics = new ArrayList<>();
            for (JsonNode sym : s.path("symbols")) {
                for (String ch : List.of("trade", "book")) {
                    topics.add(s.path("venue").asText() + "." + sym.asText() + "." + ch);
                }
            }
            out.put(s.path("shard").asText(), new Shard(s.path("shard").asText(), s.path("owner").asText(null),
                    s.path("generation").asLong(), s.path("local").asBoolean(), s.path("backfilled").asLong(),
                    s.path("unrecoverable").asLong(), s.path("suppliedByStandby").asLong(),
                    s.path("standby").asText(null), topics));
        }
        return out;
    }

    /** The shards {@code node} runs (local), by name. */
    Map<String, Shard> localShards(DemoProcess node) throws Exception {
        Map<String, Shard> out = new LinkedHashMap<>();
        shards(node).forEach((k, s) -> {
            if (s.local()) {
                out.put(k, s);
            }
        });
        return out;
    }

    /** The node among {@code candidates} running the most shards, those of both venues first (ties: the first). */
    DemoProcess busiest(List<DemoProcess> candidates) throws Exception {
        DemoProcess best = null;
        int bestScore = -1;
        for (DemoProcess n : candidates) {
            Map<String, Shard> local = localShards(n);
            long venues = local.keySet().stream().map(s -> s.substring(0, s.indexOf('/'))).distinct().count();
            int score = local.size() * 10 + (int) venues;
            if (score > bestScore) {
                best = n;
                bestScore = score;
            }
        }
        return best;
    }

    /** A meter's value in {@code node}'s {@code /metrics} (Prometheus text; the sum over its label sets; 0 if none). */
    double metric(DemoProcess node, String name) throws Exception {
        String body = http.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + "metrics"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
        double sum = 0;
        for (String line : body.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** The sum of {@code name}'s series in {@code node}'s {@code /metrics} that carry the label {@code label}. */
    double metric(DemoProcess node, String name, String label) throws Exception {
        String body = http.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + "metrics"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
        double sum = 0;
        for (String line : body.split("\n")) {
            if (line.startsWith(name + "{") && line.substring(0, line.indexOf('}') + 1).contains(label)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** The topic's last assigned seq in Redis (0 before its first publish). */
    long seqInRedis(String topic) throws Exception {
        Object v = Resp.call(redis.port(), "HGET", "tg:{" + topic + "}:meta", "seq");
        return v == null ? 0 : Long.parseLong(v.toString());
    }

    /**
     * {@code GET path} as JSON; tried up to 5 times (a loaded node's {@code /api/v1/feeds} answers 500 when reading
     * the leases from Redis takes over 2 s).
     */
    /**
     * The topic's Redis stream entries holding seqs {@code seq - 3 .. seq + 3} (one entry per publish call: its time and
     * its events), and the topic's meta hash: what a failing test prints to tell who published around a problem.
     */
    String streamAround(String topic, long seq) {
        try {
            return "XRANGE " + topic + " " + Resp.call(redis.port(), "XRANGE", "tg:{" + topic + "}:stream",
                    Math.max(0, seq - 3) + "-0", (seq + 6) + "-0") + "\nmeta " + Resp.call(redis.port(), "HGETALL",
                    "tg:{" + topic + "}:meta");
        } catch (Exception e) {
            return "(redis: " + e + ")";
        }
    }

    JsonNode get(DemoProcess node, String path) throws Exception {
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                return JSON.readTree(r.body());
            }
            if (attempt == 5) {
                throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
            }
            Thread.sleep(300);
        }
    }

    static String ws(DemoProcess node) {
        return "ws://127.0.0.1:" + node.port() + "/ws";
    }

    /** The nodes' logs (on a failure). */
    String logs() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < nodes.size(); i++) {
            String log = nodes.get(i).log();
            b.append("--- node ").append(i + 1).append(" (last 4000 chars) ---\n")
                    .append(log.substring(Math.max(0, log.length() - 4000))).append('\n');
        }
        return b.toString();
    }

    @Override
    public void close() {
        nodes.forEach(DemoProcess::close);
        sim.close();
        redis.close();
    }
}
