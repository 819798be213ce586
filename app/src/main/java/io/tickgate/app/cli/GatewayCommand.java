package io.tickgate.app.cli;

import io.tickgate.app.config.TickgateConfig;
import io.tickgate.app.runtime.Assembly;
import io.tickgate.app.runtime.Components;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tickgate gateway}: the client gateway and its ops endpoints, without the built-in simulator. */
@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = "Start the client gateway (WebSocket /ws, dashboard /, /health, /metrics, /api/v1/*).")
public final class GatewayCommand extends ServiceCommand {

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
        a.printUrls(System.out);
        return a.components();
    }
}
