package io.tickgate.bus.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tickgate.bus.api.BrokerSettings;
import io.tickgate.bus.codec.EventCodec;
import io.tickgate.bus.testing.RedisServer;
import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.Side;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Topic;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A quick measurement, not a test: publishes/s through the Redis engine on a test-owned standalone redis-server
 * (batches), beside the same publish script called one event per call (Lettuce sequential and pipelined, and
 * {@code redis-benchmark}). Not a benchmark of record (that belongs to the bench module).
 *
 * <pre>
 * mvn -B -o -q -pl bus -am test-compile
 * mvn -B -o -q -pl bus dependency:build-classpath -Dmdep.outputFile=/tmp/bus.cp -Dmdep.includeScope=test
 * java -cp "bus/target/classes:bus/target/test-classes:model/target/classes:$(cat /tmp/bus.cp)" \
 *     io.tickgate.bus.redis.PublishThroughputProbe 300000
 * </pre>
 */
public final class PublishThroughputProbe {

    private static final int TOPICS = 100;

    private PublishThroughputProbe() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        Trade[] events = new Trade[1000];
        for (int i = 0; i < events.length; i++) {
            events[i] = new Trade("bench", "S" + (i % TOPICS), Integer.toString(i), Decimal.parse("100.25"),
                    Decimal.parse("0.5"), Side.BUY, 1_700_000_000_000L + i);
        }
        try (RedisServer server = RedisServer.startOnFreePort()) {
            for (int round = 1; round <= 2; round++) {
                BrokerSettings s = BrokerSettings.builder().keyPrefix("engine" + round).build();
                try (RedisBroker b = new RedisBroker(RedisEndpoint.parse(server.url()), s,
                        new SimpleMeterRegistry())) {
                    long t0 = System.nanoTime();
                    for (int i = 0; i < n; i++) {
                        while (b.queueDepth() > s.queueCapacity() - 1_000) {
                            // the producer waits without spinning: on 2 cores a spinning thread takes Redis's CPU
                            LockSupport.parkNanos(100_000);
                        }
                        b.publish(events[i % events.length]);
                    }
                    while (b.publishedCount() + b.droppedCount() < n) {
                        Thread.sleep(1);
                    }
                    double secs = (System.nanoTime() - t0) / 1e9;
                    System.out.printf("engine, round %d: %d events in %.2f s = %.0f events/s (%d script calls, "
                            + "%.0f events per call, %d dropped)%n", round, n, secs, n / secs, b.batchCount(),
                            (double) n / b.batchCount(), b.droppedCount());
                }
            }
            oneEventPerCall(server, events, n);
        }
    }

    private static void oneEventPerCall(RedisServer server, Trade[] events, int n) throws Exception {
        RedisClient client = RedisClient.create(server.url());
        String body = EventCodec.encode(events[0], 1);
        try (StatefulRedisConnection<String, String> conn = client.connect(StringCodec.UTF8)) {
            String sha = conn.sync().scriptLoad(LuaScript.PUBLISH.text());
            int sequential = Math.min(n, 50_000);
            long t0 = System.nanoTime();
            for (int i = 0; i < sequential; i++) {
                conn.sync().evalsha(sha, ScriptOutputType.MULTI, keys("seq", i), args("seq", i, body));
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf("one event per call, sequential: %d in %.2f s = %.0f events/s%n", sequential, secs,
                    sequential / secs);
            List<RedisFuture<Object>> pending = new ArrayList<>();
            t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                pending.add(conn.async().evalsha(sha, ScriptOutputType.MULTI, keys("pipe", i), args("pipe", i, body)));
                if (pending.size() >= 1_000) {
                    for (RedisFuture<Object> f : pending) {
                        f.get();
                    }
                    pending.clear();
                }
            }
            for (RedisFuture<Object> f : pending) {
                f.get();
            }
            secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf("one event per call, pipelined (1000 in flight): %d in %.2f s = %.0f events/s%n", n,
                    secs, n / secs);
            for (String pipeline : new String[] {"1", "16"}) {
                List<String> cmd = new ArrayList<>(List.of("redis-benchmark", "-p", Integer.toString(server.port()),
                        "-n", "200000", "-c", "20", "-P", pipeline, "-r", "100000000", "-q", "EVALSHA", sha, "4"));
                String p = "rb:{bench.X.trade}:";
                cmd.addAll(List.of(p + "meta", p + "stream", p + "state", p + "tail", "__rand_int__", "1", "ep",
                        "PUBLISH", "1", p + "ch", "T", "10000", "300000", "50", "1", "0", body, ""));
                Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                proc.waitFor();
                String[] lines = out.split("\r");
                System.out.println("redis-benchmark, one event per call, 20 clients, pipeline " + pipeline + ": "
                        + lines[lines.length - 1].replaceAll("(?s).*\\] : ", "").trim());
            }
        } finally {
            client.shutdown();
        }
    }

    private static String[] keys(String prefix, int i) {
        return new RedisKeys(prefix).topicKeys(Topic.parse("bench.S" + (i % TOPICS) + ".trade"));
    }

    private static String[] args(String prefix, int i, String body) {
        String channel = new RedisKeys(prefix).channel(Topic.parse("bench.S" + (i % TOPICS) + ".trade"));
        return new String[] {"probe", Integer.toString(i + 1), "ep", "PUBLISH", "1", channel, "T", "10000", "300000",
                "50", "1", "0", body, ""};
    }
}
