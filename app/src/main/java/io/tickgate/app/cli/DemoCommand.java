package io.tickgate.app.cli;

import io.tickgate.app.config.TickgateConfig;
import io.tickgate.app.runtime.Assembly;
import io.tickgate.app.runtime.Components;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tickgate demo}: simulator → gateway → dashboard in one process. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the full demo (market simulator, gateway, dashboard) in one process and print the URL.")
public final class DemoCommand extends ServiceCommand {

    @Mixin
    ConfigOptions config;

    @Option(names = {"-p", "--port"}, paramLabel = "P", description = "HTTP/WebSocket port (default 8080)")
    Integer port;

    @Override
    Components start() {
        List<String> shortcuts = new ArrayList<>();
        if (port != null) {
            shortcuts.add("gateway.port=" + port);
        }
        TickgateConfig cfg = config.load(shortcuts);
        Assembly a = new Assembly(cfg);
        a.startGateway();
        a.startSimulator();
        a.printUrls(System.out);
        return a.components();
    }
}
