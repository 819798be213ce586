package io.tickgate.bench.cli;

import io.tickgate.bench.store.StoreFootprint;
import io.tickgate.bench.store.StoreBench;
import io.tickgate.store.postgres.PostgresStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code store-bench}: the history store's insert rate, range query latency and bytes per trade (docs/benchmarks.md). */
@Command(name = "store-bench", mixinStandardHelpOptions = true,
        description = "Measure history store backends: sustained trade insert rate, p50/p99 of 1,000-candle range"
                + " queries, bytes per stored trade.")
public final class StoreBenchCommand implements Callable<Integer> {

    @Option(names = "--backend", split = ",", defaultValue = "sqlite",
            description = "sqlite, postgres, duckdb, h2 (comma-separated; default ${DEFAULT-VALUE})")
    List<String> backends;

    @Option(names = "--trades", defaultValue = "1000000", description = "trades to write (default ${DEFAULT-VALUE})")
    long trades;

    @Option(names = "--topics", defaultValue = "20", description = "symbols (default ${DEFAULT-VALUE})")
    int topics;

    @Option(names = "--batch", defaultValue = "5000", description = "rows per write (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--queries", defaultValue = "1000", description = "range queries (default ${DEFAULT-VALUE})")
    int queries;

    @Option(names = "--pg-url", defaultValue = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres",
            description = "PostgreSQL to create the benchmark database on (default ${DEFAULT-VALUE})")
    String pgUrl;

    @Option(names = "--pg-writers", defaultValue = "1",
            description = "PostgreSQL: connections a batch's trades are written over in parallel (default ${DEFAULT-VALUE})")
    int pgWriters;

    @Option(names = "--pg-synchronous-commit", defaultValue = "on",
            description = "PostgreSQL: on, or off for the writer's transactions (default ${DEFAULT-VALUE})")
    String pgSynchronousCommit;

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("tickgate-store-bench");
        System.out.printf("%-9s %10s %14s %12s %12s %14s%n", "backend", "trades", "trades/s", "query p50",
                "query p99", "bytes/trade");
        try {
            for (String b : backends) {
                try (StoreFootprint f = StoreFootprint.open(b.trim(), dir, pgUrl,
                        new PostgresStore.Tuning(pgWriters, !"off".equals(pgSynchronousCommit)))) {
                    StoreBench.Result r = new StoreBench(topics, batch).run(f.store(), trades, queries, f::bytes);
                    System.out.printf("%-9s %10d %14.0f %10.0f us %10.0f us %14.1f%n", r.backend(), r.trades(),
                            r.tradesPerSecond(), r.queryP50Micros(), r.queryP99Micros(), r.bytesPerTrade());
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return 0;
    }
}
