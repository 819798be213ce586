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
 * {@code tickgate gateway}: the client gateway and its ops endpoints, fed by the feed pools connected to the
 * configured venue URLs ({@code binance.url}, {@code okx.url}; by default a {@code tickgate simulator} on this host).
 */
@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = "Start the client gateway (WebSocket /ws, dashboard /, /health, /metrics, /api/v1/*) and the"
                + " feed pools to the configured venue URLs.")
public final class GatewayCommand extends ServiceCommand {

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
        a.startFeeds(null);
        a.startGatewayAfterFeeds(WARM_MILLIS);
        a.printUrls(System.out);
        return a.components();
    }
}
