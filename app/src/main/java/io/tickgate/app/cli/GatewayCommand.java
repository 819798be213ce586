package io.tickgate.app.cli;

import io.tickgate.app.runtime.Assembly;
import picocli.CommandLine.Command;

/**
 * {@code tickgate gateway}: the client gateway and its ops endpoints, fed by the feed pools connected to the
 * configured venue URLs ({@code binance.url}, {@code okx.url}; by default a {@code tickgate simulator} on this host).
 */
@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = "Start the client gateway (WebSocket /ws, dashboard /, /health, /metrics, /api/v1/*) and the"
                + " feed pools to the configured venue URLs.")
public final class GatewayCommand extends GatewayProcessCommand {

    @Override
    void startProducers(Assembly assembly) {
        assembly.startFeeds(null);
    }
}
