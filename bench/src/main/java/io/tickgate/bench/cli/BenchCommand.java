package io.tickgate.bench.cli;

import io.tickgate.bench.load.LoadConfig;
import io.tickgate.bench.load.LoadGenerator;
import io.tickgate.bench.load.LoadReport;
import io.tickgate.bench.load.SourceAddresses;
import io.tickgate.bench.source.SyntheticSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tickgate-bench bench}: the load generator (see docs/benchmarks.md). */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Open N WebSocket connections to a gateway, subscribe them and measure delivered messages/s, "
                + "ingest->client latency, connect rate, errors and disconnects.",
                "Against `bench-server` it also reads the server's load and (with --memory) its memory per "
                        + "connection. Progress goes to stderr; the report (table, or one JSON object with --json) "
                        + "to stdout."})
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--host", paramLabel = "HOST", description = "gateway host (default ${DEFAULT-VALUE})")
    String host = "127.0.0.1";

    @Option(names = {"-p", "--port"}, paramLabel = "P", description = "gateway port (default ${DEFAULT-VALUE})")
    int port = 8080;

    @Option(names = "--path", paramLabel = "PATH", description = "WebSocket path (default ${DEFAULT-VALUE})")
    String path = LoadConfig.DEFAULT_PATH;

    @Option(names = {"-c", "--connections"}, paramLabel = "N", description = "connections (default ${DEFAULT-VALUE})")
    int connections = 1_000;

    @Option(names = {"-t", "--topic"}, paramLabel = "TOPIC", description = "topic or pattern to subscribe each "
            + "connection to; repeatable (default " + SyntheticSource.ALL_TOPICS + ")")
    List<String> topics = new ArrayList<>();

    @Option(names = "--spread-topics", description = "connection i subscribes to the (i mod count)-th --topic only, "
            + "so each of C topics gets N/C subscribers (default: every connection to every --topic)")
    boolean spreadTopics;

    @Option(names = "--subscribe-on-open", description = "subscribe as soon as the WebSocket is open, not on the "
            + "server's welcome (for servers that speak only the data subset of protocol v1)")
    boolean subscribeOnOpen;

    @Option(names = "--latency-from", paramLabel = "stamp|ts", description = "time messages by the synthetic "
            + "source's µs stamp where present, falling back to ts (stamp), or by the protocol's ts (whole ms) only, "
            + "the same way for any server (ts) (default ${DEFAULT-VALUE})")
    String latencyFrom = "stamp";

    @Option(names = "--server-pid", paramLabel = "PID", description = "read this process's CPU time (and its "
            + "descendants') from /proc before and after the measurement (default: not measured)")
    long serverPid;

    @Option(names = "--source-addresses", paramLabel = "A-B,C", description = "local addresses to connect from, "
            + "e.g. 127.0.0.2-127.0.0.9 (each allows ~28,000 connections to one port; default: the system's)")
    String sourceAddresses = "";

    @Option(names = "--max-pending", paramLabel = "N", description = "handshakes in flight at most "
            + "(default ${DEFAULT-VALUE})")
    int maxPending = 1_000;

    @Option(names = "--threads", paramLabel = "N", description = "client event-loop threads (default: cores)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--warmup", paramLabel = "SECONDS", description = "warm-up after subscribing "
            + "(default ${DEFAULT-VALUE})")
    double warmup = 5;

    @Option(names = {"-d", "--duration"}, paramLabel = "SECONDS", description = "measurement (default ${DEFAULT-VALUE})")
    double duration = 10;

    @Option(names = "--handshake-timeout", paramLabel = "SECONDS", description = "per connection "
            + "(default ${DEFAULT-VALUE})")
    double handshakeTimeout = 15;

    @Option(names = "--setup-timeout", paramLabel = "SECONDS", description = "for connecting all, and again for "
            + "subscribing all (default ${DEFAULT-VALUE})")
    double setupTimeout = 180;

    @Option(names = "--memory", description = "measure the server's heap and RSS per connection (bench-server only)")
    boolean memory;

    @Option(names = "--json", description = "print the report as one JSON object")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (!latencyFrom.equals("stamp") && !latencyFrom.equals("ts")) {
            throw new IllegalArgumentException("--latency-from must be stamp or ts, not " + latencyFrom);
        }
        LoadConfig config = new LoadConfig(host, port, path, SourceAddresses.parse(sourceAddresses), connections,
                topics.isEmpty() ? List.of(SyntheticSource.ALL_TOPICS) : topics, maxPending, threads,
                seconds("warmup", warmup), seconds("duration", duration),
                seconds("handshake timeout", handshakeTimeout), seconds("setup timeout", setupTimeout), memory,
                spreadTopics, subscribeOnOpen, latencyFrom.equals("stamp"), serverPid);
        LoadReport report = new LoadGenerator(config, System.err).run();
        System.out.println(json ? report.toJson() : report.toTable());
        System.out.flush();
        return report.connections().established() > 0 ? 0 : 1;
    }

    private static Duration seconds(String name, double s) {
        if (!(s >= 0) || s > 86_400) {
            throw new IllegalArgumentException(name + " must be between 0 and 86400 seconds, not " + s);
        }
        return Duration.ofMillis(Math.round(s * 1_000));
    }
}
