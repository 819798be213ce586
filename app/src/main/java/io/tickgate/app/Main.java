package io.tickgate.app;

import io.tickgate.app.cli.DemoCommand;
import io.tickgate.app.cli.ExportCommand;
import io.tickgate.app.cli.GatewayCommand;
import io.tickgate.app.cli.RecordCommand;
import io.tickgate.app.cli.ReplayCommand;
import io.tickgate.app.cli.SimulatorCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tickgate}: the command-line entry point (the benchmark tools have their own: {@code bin/tickgate-bench}). */
@Command(name = "tickgate", mixinStandardHelpOptions = true, version = "tickgate 0.1.0",
        description = "Real-time market data: venue feeds to WebSocket clients.",
        subcommands = {DemoCommand.class, GatewayCommand.class, SimulatorCommand.class, ReplayCommand.class,
                RecordCommand.class, ExportCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                cmd.getErr().println("tickgate: " + e.getMessage());
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
