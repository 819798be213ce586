package io.tickgate.bench.cli;

import io.tickgate.bench.server.BenchServer;
import io.tickgate.bench.source.SyntheticSource;
import io.tickgate.gateway.bootstrap.Transport;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tickgate-bench bench-server}: the gateway fed by the synthetic source, until Ctrl-C / SIGTERM. */
@Command(name = "bench-server", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the gateway with a synthetic source publishing trades at a fixed rate over a fixed set of "
                + "topics (" + SyntheticSource.ALL_TOPICS + "), for `bench`.",
                "Extra routes: GET " + BenchServer.INFO_PATH + " (load, counters), GET " + BenchServer.MEMORY_PATH
                        + " (full GC, then heap and RSS)."})
public final class BenchServerCommand implements Callable<Integer> {

    @Option(names = "--host", paramLabel = "HOST", description = "interface to bind (default ${DEFAULT-VALUE}; "
            + "127.0.0.1 accepts clients from any 127.x source address)")
    String host = "127.0.0.1";

    @Option(names = {"-p", "--port"}, paramLabel = "P", description = "port, 0 = random (default ${DEFAULT-VALUE})")
    int port = 8080;

    @Option(names = "--topics", paramLabel = "N", description = "synthetic topics (default ${DEFAULT-VALUE})")
    int topics = 100;

    @Option(names = "--symbol-format", paramLabel = "FMT", description = "the topics' symbols: a format applied "
            + "to 0, 1, ... (default S%%05d; SYM%%d gives the reference peers' bench.SYM0.trade ..)")
    String symbolFormat = SyntheticSource.DEFAULT_SYMBOL_FORMAT;

    @Option(names = "--rate", paramLabel = "R", description = "events/s over all topics; 0 = idle after one seed "
            + "event per topic (default ${DEFAULT-VALUE})")
    double rate = 1_000;

    @Option(names = "--tick-millis", paramLabel = "MS", description = "0: each event published when due (paced); "
            + "else the events due published in a burst every MS ms, as the reference peers' 10 ms timer does "
            + "(default ${DEFAULT-VALUE})")
    int tickMillis;

    @Option(names = "--io-threads", paramLabel = "N", description = "gateway I/O threads (default: the gateway's)")
    int ioThreads;

    @Option(names = "--hub-shards", paramLabel = "N", description = "gateway hub shards (default: the gateway's)")
    int hubShards;

    @Option(names = "--transport", paramLabel = "NAME", converter = TransportConverter.class,
            description = "gateway socket transport: io_uring, epoll or nio (default: the gateway's)")
    Transport transport;

    @Option(names = "--write-delay-millis", paramLabel = "MS", description = "gateway writeDelayMillis: each "
            + "connection written at most once per MS ms, its messages held back up to that long (default "
            + "${DEFAULT-VALUE}: written at once)")
    int writeDelayMillis;

    /** Parses {@code --transport} with the gateway's own names and error. */
    static final class TransportConverter implements CommandLine.ITypeConverter<Transport> {
        @Override
        public Transport convert(String value) {
            return Transport.named(value);
        }
    }

    @Override
    public Integer call() throws Exception {
        BenchServer server = BenchServer.start(new BenchServer.Settings(host, port, topics, rate, ioThreads,
                hubShards, symbolFormat, tickMillis, transport, writeDelayMillis));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "tickgate-bench-shutdown"));
        System.out.printf("bench-server (pid %d) on ws://%s:%d/ws: %d topics %s, %s events/s%n",
                ProcessHandle.current().pid(), host, server.port(), topics, SyntheticSource.ALL_TOPICS, rate);
        System.out.flush();
        stopped.await();
        return 0;
    }
}
