package io.tickgate.app.cli;

import io.tickgate.app.config.TickgateConfig;
import io.tickgate.app.runtime.Assembly;
import io.tickgate.app.runtime.Components;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tickgate simulator}: the market simulator alone. */
@Command(name = "simulator", mixinStandardHelpOptions = true,
        description = "Start the market simulator alone and log its event rate.")
public final class SimulatorCommand extends ServiceCommand {

    @Mixin
    ConfigOptions config;

    @Override
    Components start() {
        TickgateConfig cfg = config.load(List.of());
        Assembly a = new Assembly(cfg);
        a.startSimulator();
        return a.components();
    }
}
