package io.tickgate.bench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the benchmark tools in {@code bench/target/benchmarks.jar} (whose jar main class is JMH's), what
 * {@code bin/tickgate-bench bench|bench-server|bench-plot|redis-publish ..} runs; the same as
 * {@code java -cp bench/target/benchmarks.jar io.tickgate.bench.cli.BenchMain bench|bench-server|bench-plot|redis-publish ..}.
 */
@Command(name = "tickgate-bench", mixinStandardHelpOptions = true,
        description = "tickgate benchmark tools: a gateway fed by a synthetic source, the load generator, the plot, "
                + "the Redis engine's publishes/s, the history store's write and query rates.",
        subcommands = {BenchCommand.class, BenchServerCommand.class, BenchPlotCommand.class,
            RedisPublishCommand.class, StoreBenchCommand.class, TakeoverCommand.class})
public final class BenchMain implements Runnable {

    /** The logging configuration used unless {@code -Dlogback.configurationFile} says otherwise. */
    static final String LOGBACK_CONFIG = "tickgate-bench-logback.xml";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LOGBACK_CONFIG);
        }
        CommandLine cli = new CommandLine(new BenchMain());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                cmd.getErr().println("tickgate-bench: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        System.exit(cli.execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
