package io.tickgate.app.cli;

import io.tickgate.app.config.TickgateConfig;
import io.tickgate.app.runtime.Assembly;
import io.tickgate.app.runtime.Components;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tickgate simulator}: the venue simulator alone (every simulated venue on its configured port). */
@Command(name = "simulator", mixinStandardHelpOptions = true,
        description = "Start the venue simulator alone (each simulated venue's servers on"
                + " simulator.venues.<venue>.port) and print its URLs.")
public final class SimulatorCommand extends ServiceCommand {

    @Mixin
    ConfigOptions config;

    @Override
    Components start() {
        TickgateConfig cfg = config.load(List.of());
        Assembly a = new Assembly(cfg);
        a.startVenueSimulator(false);
        a.printSimulatorUrls(System.out);
        return a.components();
    }
}
