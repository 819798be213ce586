package io.tickgate.bench.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Redis's own profile ({@code INFO commandstats}): calls and µs per command, including the commands a script runs
 * (Redis 7 counts them), so a run can say how much of the script's time is its commands and how much the Lua around
 * them. {@link #reset} before a phase, {@link #read} after it.
 */
public final class CommandStats {

    /** One command's line: calls and total µs. */
    public record Stat(long calls, long usec) {
    }

    private final String url;

    public CommandStats(String url) {
        this.url = url;
    }

    public void reset() {
        run(conn -> conn.sync().configResetstat());
    }

    /**
     * Redis's CPU seconds so far (user + system, {@code INFO cpu}): unlike commandstats' µs, which are wall time
     * inside a command and grow when a loaded machine deschedules Redis, this is the work done.
     */
    public double cpuSeconds() {
        return run(conn -> {
            double s = 0;
            for (String line : conn.sync().info("cpu").split("\r?\n")) {
                if (line.startsWith("used_cpu_user:") || line.startsWith("used_cpu_sys:")) {
                    s += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
                }
            }
            return s;
        });
    }

    /** command name (lower case, e.g. "evalsha", "xadd") to its stat. */
    public Map<String, Stat> read() {
        Map<String, Stat> out = new LinkedHashMap<>();
        run(conn -> {
            for (String line : conn.sync().info("commandstats").split("\r?\n")) {
                if (!line.startsWith("cmdstat_")) {
                    continue;
                }
                String name = line.substring(8, line.indexOf(':'));
                long calls = 0;
                long usec = 0;
                for (String kv : line.substring(line.indexOf(':') + 1).split(",")) {
                    String[] p = kv.split("=");
                    if (p[0].equals("calls")) {
                        calls = Long.parseLong(p[1]);
                    } else if (p[0].equals("usec")) {
                        usec = Long.parseLong(p[1]);
                    }
                }
                out.put(name, new Stat(calls, usec));
            }
            return null;
        });
        return out;
    }

    /**
     * One line: the script's µs per event, its inner commands' share, and the inner commands per event, e.g.
     * {@code script 6.1 µs/event (commands 2.0: xadd 0.31/event, hmget 0.20/event, ...)}.
     */
    public static String profile(Map<String, Stat> stats, long events) {
        Stat script = stats.getOrDefault("evalsha", new Stat(0, 0));
        long inner = 0;
        StringBuilder per = new StringBuilder();
        for (Map.Entry<String, Stat> e : stats.entrySet()) {
            String n = e.getKey();
            if (n.equals("evalsha") || n.startsWith("config") || n.startsWith("info") || n.startsWith("script")
                    || n.equals("hello") || n.equals("client|setinfo")) {
                continue;
            }
            inner += e.getValue().usec();
            per.append(String.format(" %s %.2f", n, (double) e.getValue().calls() / events));
        }
        return String.format("script %.2f µs/event of wall time in Redis (its commands %.2f, the Lua around them %.2f); "
                        + "commands per event:%s", (double) script.usec() / events, (double) inner / events,
                (double) (script.usec() - inner) / events, per);
    }

    private <T> T run(java.util.function.Function<StatefulRedisConnection<String, String>, T> f) {
        RedisClient c = RedisClient.create(url);
        try (StatefulRedisConnection<String, String> conn = c.connect()) {
            return f.apply(conn);
        } finally {
            c.shutdown(0, 1, TimeUnit.SECONDS);
        }
    }
}
