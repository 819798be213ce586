package io.tickgate.bench.cli;

import io.tickgate.bench.takeover.TakeoverBench;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tickgate-bench takeover}: shard takeover time after a collector is killed, with and without hot standby. */
@Command(name = "takeover", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Two collector nodes in this JVM on a redis-server of its own (from the PATH, free loopback "
                + "port) with the venue simulator: binance in 4 shards, 2 per node; the owner of two is killed (no "
                + "handover) and the time until the survivor's first trade on them reaches a subscriber is measured, "
                + "per round on a fresh redis-server, first without hot standby (REST backfill), then with it."})
public final class TakeoverCommand implements Callable<Integer> {

    @Option(names = "--rounds", paramLabel = "N", description = "kills per mode (default ${DEFAULT-VALUE})")
    int rounds = 3;

    @Option(names = "--lease-ttl", paramLabel = "MS", description = "feeds.leaseTtlMillis (default ${DEFAULT-VALUE})")
    long leaseTtlMillis = 3000;

    @Option(names = "--rate", paramLabel = "N", description = "simulated binance events/s over 4 symbols "
            + "(default ${DEFAULT-VALUE})")
    int rate = 800;

    @Option(names = "--warm", paramLabel = "MS", description = "running time before the kill (default "
            + "${DEFAULT-VALUE})")
    long warmMillis = 3000;

    @Override
    public Integer call() throws Exception {
        if (rounds <= 0 || rate <= 0 || leaseTtlMillis < 30 || warmMillis < 0) {
            throw new IllegalArgumentException("--rounds, --rate must be > 0, --lease-ttl >= 30, --warm >= 0");
        }
        return new TakeoverBench(rounds, leaseTtlMillis, rate, warmMillis).run(System.out);
    }
}
