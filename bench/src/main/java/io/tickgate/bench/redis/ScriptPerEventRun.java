package io.tickgate.bench.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.tickgate.bus.codec.EventCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code redis-benchmark} calling the engine's own publish script ({@code publish.lua}, read from the bus jar) with
 * one trade per call: what the same work costs without batching, by Redis's own fastest client. Every call has a
 * fresh random batch number (so none is skipped as a resend) on one topic's keys. The arguments follow the
 * script's layout (its header): one topic, one event, no marks, unfenced (generation 0).
 */
public final class ScriptPerEventRun {

    static final String SCRIPT = "/io/tickgate/bus/redis/publish.lua";
    private static final Pattern RPS = Pattern.compile("([0-9.]+) requests per second");

    private final RedisServerProcess server;

    public ScriptPerEventRun(RedisServerProcess server) {
        this.server = server;
    }

    /** Runs {@code calls} calls from {@code clients} connections, {@code pipeline} in flight each; calls/s. */
    public double run(long calls, int clients, int pipeline) throws IOException, InterruptedException {
        String sha = load();
        // the key layout of io.tickgate.bus.redis.RedisKeys: P:{topic}:meta|stream|state|tail, channel P:{topic}:ch
        String p = "rb:{bench.X.trade}:";
        String body = EventCodec.encode(EnginePublishRun.trades(1)[0], 1_700_000_000_000L);
        List<String> cmd = new ArrayList<>(List.of("redis-benchmark", "-h", "127.0.0.1", "-p",
                Integer.toString(server.port()), "-n", Long.toString(calls), "-c", Integer.toString(clients), "-P",
                Integer.toString(pipeline), "-r", "100000000", "-q", "EVALSHA", sha, "4", p + "meta", p + "stream",
                p + "state", p + "tail", "__rand_int__", "1", "ep", "PUBLISH", "1", p + "ch", "T", "10000", "300000",
                "50", "1", "0", "0", "0", "", "0", body));
        Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!proc.waitFor(10, TimeUnit.MINUTES) || proc.exitValue() != 0) {
            throw new IOException("redis-benchmark failed: " + out);
        }
        Matcher m = RPS.matcher(out);
        double rps = -1;
        while (m.find()) {
            rps = Double.parseDouble(m.group(1));
        }
        if (rps < 0) {
            throw new IOException("no requests per second in redis-benchmark's output: " + out);
        }
        return rps;
    }

    private String load() {
        String text;
        try (InputStream in = ScriptPerEventRun.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException("missing " + SCRIPT + " (the bus jar) on the class path");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RedisClient c = RedisClient.create(server.url());
        try (StatefulRedisConnection<String, String> conn = c.connect()) {
            return conn.sync().scriptLoad(text);
        } finally {
            c.shutdown(0, 1, TimeUnit.SECONDS);
        }
    }
}
