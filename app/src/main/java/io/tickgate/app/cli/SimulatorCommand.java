package io.tickgate.app.cli;

import io.tickgate.app.config.TickgateConfig;
import io.tickgate.app.runtime.Assembly;
import io.tickgate.app.runtime.Components;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tickgate simulator}: the venue simulator alone (simulated Binance and OKX on the configured ports). */
@Command(name = "simulator", mixinStandardHelpOptions = true,
        description = "Start the venue simulator alone (simulated Binance and OKX WebSocket servers on"
                + " simulator.binancePort / simulator.okxPort) and print its URLs.")
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
