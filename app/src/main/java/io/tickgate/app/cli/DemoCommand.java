package io.tickgate.app.cli;

import io.tickgate.app.config.TickgateConfig;
import io.tickgate.app.runtime.Assembly;
import io.tickgate.app.runtime.Components;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tickgate demo}: the venue simulator on free loopback ports, the feed pools connected to it over real
 * WebSockets (every simulator symbol), the gateway and the dashboard, in one process.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the full demo (venue simulator, feed pools over loopback WebSockets, gateway, dashboard)"
                + " in one process and print the URL.")
public final class DemoCommand extends ServiceCommand {

    /** How long the gateway waits for the feeds to deliver every symbol before opening its port anyway. */
    static final long WARM_MILLIS = 20_000;

    @Mixin
    ConfigOptions config;

    @Option(names = {"-p", "--port"}, paramLabel = "P", description = "HTTP/WebSocket port (default 8080)")
    Integer port;

    @Override
    Components start() throws InterruptedException {
        List<String> shortcuts = new ArrayList<>();
        if (port != null) {
            shortcuts.add("gateway.port=" + port);
        }
        TickgateConfig cfg = config.load(shortcuts);
        Assembly a = new Assembly(cfg);
        a.startFeeds(a.startVenueSimulator(true));
        a.startGatewayAfterFeeds(WARM_MILLIS);
        a.printUrls(System.out);
        return a.components();
    }
}
