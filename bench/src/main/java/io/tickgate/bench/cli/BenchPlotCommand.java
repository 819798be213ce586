package io.tickgate.bench.cli;

import io.tickgate.bench.plot.BenchPlot;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bench-plot}: PNG of throughput and latency against connections from {@code bench --json} reports. */
@Command(name = "bench-plot", mixinStandardHelpOptions = true,
        description = "Plot delivered messages/s and latency against connections from `bench --json` reports "
                + "(one JSON object per line), one series per publish rate.")
public final class BenchPlotCommand implements Callable<Integer> {

    @Option(names = {"-o", "--out"}, paramLabel = "FILE.png", required = true, description = "PNG to write")
    Path out;

    @Parameters(paramLabel = "REPORT", arity = "1..*", description = "files of JSON reports")
    List<Path> reports;

    @Override
    public Integer call() throws Exception {
        int n = BenchPlot.plot(reports, out);
        System.out.println("bench-plot: " + n + " runs -> " + out);
        return 0;
    }
}
