package io.tickgate.bench.cli;

import io.tickgate.bench.redis.CommandStats;
import io.tickgate.bench.redis.EnginePublishRun;
import io.tickgate.bench.redis.RedisServerProcess;
import io.tickgate.bench.redis.ScriptPerEventRun;
import io.tickgate.bus.api.BrokerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tickgate-bench redis-publish}: the Redis engine's publishes/s beside {@code redis-benchmark} running the same
 * script one event per call, on a redis-server of its own, in one run (the figures are ratios within a run: on a
 * shared machine the absolute numbers move with its load, which is printed).
 */
@Command(name = "redis-publish", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Publishes/s through tickgate's Redis engine (one publish-script call per batch) and through "
                + "redis-benchmark calling the same script one event per call, on a redis-server it starts on a free "
                + "loopback port (redis-server and redis-benchmark from the PATH) and stops.",
                "Prints each phase's events/s and Redis's own profile of it (INFO commandstats: script µs per event, "
                        + "its commands' share, commands per event)."})
public final class RedisPublishCommand implements Callable<Integer> {

    @Option(names = "--events", paramLabel = "N", description = "events per engine round (default ${DEFAULT-VALUE})")
    long events = 300_000;

    @Option(names = "--topics", paramLabel = "N", description = "trade topics the events cycle over "
            + "(default ${DEFAULT-VALUE})")
    int topics = 100;

    @Option(names = "--rounds", paramLabel = "N", description = "engine rounds, each on fresh keys; the first is "
            + "the JVM's warm-up (default ${DEFAULT-VALUE})")
    int rounds = 3;

    @Option(names = "--max-batch", paramLabel = "N", description = "events per script call (default: the engine's, "
            + "${DEFAULT-VALUE})")
    int maxBatch = BrokerSettings.defaults().maxBatch();

    @Option(names = "--max-in-flight", paramLabel = "N", description = "script calls on the wire (default: the "
            + "engine's, ${DEFAULT-VALUE})")
    int maxInFlight = BrokerSettings.defaults().maxInFlight();

    @Option(names = "--redis-cpus", paramLabel = "LIST", description = "pin redis-server to these CPUs with taskset, "
            + "e.g. 1 (pin this JVM with `taskset -c 0 bin/tickgate-bench ..`; default: not pinned)")
    String redisCpus = "";

    @Option(names = "--calls", paramLabel = "N", description = "redis-benchmark calls per pipeline depth "
            + "(default ${DEFAULT-VALUE})")
    long calls = 200_000;

    @Option(names = "--clients", paramLabel = "N", description = "redis-benchmark connections "
            + "(default ${DEFAULT-VALUE})")
    int clients = 20;

    @Option(names = "--pipeline", paramLabel = "N", split = ",", description = "redis-benchmark pipeline depths "
            + "(default 1,16)")
    List<Integer> pipelines = List.of(1, 16);

    @Override
    public Integer call() throws Exception {
        if (events <= 0 || topics <= 0 || rounds <= 0 || calls <= 0 || clients <= 0) {
            throw new IllegalArgumentException("--events, --topics, --rounds, --calls and --clients must be > 0");
        }
        BrokerSettings settings = BrokerSettings.builder().maxBatch(maxBatch).maxInFlight(maxInFlight).build();
        try (RedisServerProcess server = RedisServerProcess.start(redisCpus)) {
            System.out.printf("redis-publish: redis-server pid %d on %s%s, %d events over %d topics, max batch %d, "
                    + "%d in flight; %s%n", server.pid(), server.url(),
                    redisCpus.isEmpty() ? "" : " (cpus " + redisCpus + ")", events, topics, maxBatch, maxInFlight,
                    load());
            CommandStats stats = new CommandStats(server.url());
            EnginePublishRun engine = new EnginePublishRun(server.url(), topics, settings);
            double best = 0;
            for (int r = 1; r <= rounds; r++) {
                stats.reset();
                double redisCpu = stats.cpuSeconds();
                EnginePublishRun.Result res = engine.round("engine" + r, events);
                redisCpu = stats.cpuSeconds() - redisCpu;
                best = Math.max(best, res.eventsPerSecond());
                double jvmUs = res.cpuSeconds() * 1e6 / res.events();
                double redisUs = redisCpu * 1e6 / res.events();
                System.out.printf("engine, round %d%s: %.0f events/s (%d events in %.2f s, %d calls, %.0f events "
                                + "per call, %d dropped)%n    CPU per event: engine JVM %.2f µs, Redis %.2f µs "
                                + "(ceiling with both on one core each: %.0f events/s)%n    %s%n", r,
                        r == 1 ? " (warm-up)" : "", res.eventsPerSecond(), res.events(), res.seconds(), res.calls(),
                        res.eventsPerCall(), res.dropped(), jvmUs, redisUs, 1e6 / Math.max(jvmUs, redisUs),
                        CommandStats.profile(stats.read(), res.events()));
            }
            ScriptPerEventRun perEvent = new ScriptPerEventRun(server);
            for (int p : pipelines) {
                stats.reset();
                double redisCpu = stats.cpuSeconds();
                double rps = perEvent.run(calls, clients, p);
                redisCpu = stats.cpuSeconds() - redisCpu;
                System.out.printf("redis-benchmark, one event per call, %d clients, pipeline %d: %.0f events/s "
                                + "(engine's best round: %.1fx); Redis CPU per event %.2f µs%n    %s%n", clients, p,
                        rps, best / rps, redisCpu * 1e6 / calls, CommandStats.profile(stats.read(), calls));
            }
            System.out.printf("done; %s%n", load());
        }
        return 0;
    }

    private static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return "load average " + f[0] + ", " + f[1] + ", " + f[2];
        } catch (Exception e) {
            return "load average unknown";
        }
    }
}
