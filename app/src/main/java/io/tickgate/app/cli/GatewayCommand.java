package io.tickgate.app.cli;

import io.tickgate.app.runtime.Assembly;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tickgate gateway}: the client gateway and its ops endpoints, fed by the feed pools connected to the
 * configured venue URLs ({@code binance.url}, {@code okx.url}; by default a {@code tickgate simulator} on this host).
 * With {@code --no-feeds} (or no venue enabled) it is a gateway-only node: it serves what other nodes publish into
 * the shared broker ({@code --broker redis://...}).
 */
@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = "Start the client gateway (WebSocket /ws, dashboard /, /health, /metrics, /api/v1/*) and the"
                + " feed pools to the configured venue URLs.")
public final class GatewayCommand extends GatewayProcessCommand {

    @Option(names = "--no-feeds", description = "A gateway-only node: start no feed pools; clients get the topics "
            + "other nodes publish into the shared broker (--broker).")
    boolean noFeeds;

    @Override
    void startProducers(Assembly assembly) {
        if (noFeeds || !assembly.anyVenueEnabled()) {
            assembly.gatewayOnly();
            return;
        }
        assembly.startFeeds(null);
    }
}
