package io.tickgate.app.cli;

import io.tickgate.app.runtime.Assembly;
import io.tickgate.app.runtime.Components;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A process that serves clients: configuration, the {@code --port} shortcut, producers started first (see
 * {@link #startProducers}) after the history store, then the gateway once the feeds deliver, then the URLs printed.
 */
abstract class GatewayProcessCommand extends ServiceCommand {

    /** How long the gateway waits for the feeds to deliver every symbol before opening its port anyway. */
    static final long WARM_MILLIS = 20_000;

    @Mixin
    ConfigOptions config;

    @Option(names = {"-p", "--port"}, paramLabel = "P", description = "HTTP/WebSocket port (default 8080)")
    Integer port;

    @Option(names = "--broker", paramLabel = "URL", description = "broker.url: in-process (default), "
            + "redis://HOST:PORT, rediss://HOST:PORT or redis-cluster://H1:P1,H2:P2 (nodes sharing topics)")
    String broker;

    /** Starts what feeds the gateway (the feed pools, and for the demo the venue simulator they connect to). */
    abstract void startProducers(Assembly assembly);

    /** The {@code --port} and {@code --broker} shortcuts as {@code key=value} overrides. */
    List<String> shortcuts() {
        List<String> shortcuts = new ArrayList<>();
        if (port != null) {
            shortcuts.add("gateway.port=" + port);
        }
        if (broker != null) {
            shortcuts.add("broker.url=" + broker);
        }
        return shortcuts;
    }

    @Override
    Components start() throws Exception {
        Assembly a = new Assembly(config.load(shortcuts()));
        a.startStore();
        startProducers(a);
        a.startGatewayAfterFeeds(WARM_MILLIS);
        a.printUrls(System.out);
        return a.components();
    }
}
