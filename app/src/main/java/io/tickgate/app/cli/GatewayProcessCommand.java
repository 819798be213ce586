package io.tickgate.app.cli;

import io.tickgate.app.runtime.Assembly;
import io.tickgate.app.runtime.Components;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A process that serves clients: configuration, the {@code --port} shortcut, producers started first (see
 * {@link #startProducers}), then the gateway once the feeds deliver, then the URLs printed.
 */
abstract class GatewayProcessCommand extends ServiceCommand {

    /** How long the gateway waits for the feeds to deliver every symbol before opening its port anyway. */
    static final long WARM_MILLIS = 20_000;

    @Mixin
    ConfigOptions config;

    @Option(names = {"-p", "--port"}, paramLabel = "P", description = "HTTP/WebSocket port (default 8080)")
    Integer port;

    /** Starts what feeds the gateway (the feed pools, and for the demo the venue simulator they connect to). */
    abstract void startProducers(Assembly assembly);

    @Override
    final Components start() throws InterruptedException {
        List<String> shortcuts = new ArrayList<>();
        if (port != null) {
            shortcuts.add("gateway.port=" + port);
        }
        Assembly a = new Assembly(config.load(shortcuts));
        startProducers(a);
        a.startGatewayAfterFeeds(WARM_MILLIS);
        a.printUrls(System.out);
        return a.components();
    }
}
