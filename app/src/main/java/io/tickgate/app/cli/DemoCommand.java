package io.tickgate.app.cli;

import io.tickgate.app.runtime.Assembly;
import picocli.CommandLine.Command;

/**
 * {@code tickgate demo}: the venue simulator on free loopback ports, the feed pools connected to it over real
 * WebSockets (every simulator symbol), the gateway and the dashboard, in one process.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the full demo (venue simulator, feed pools over loopback WebSockets, gateway, dashboard)"
                + " in one process and print the URL.")
public final class DemoCommand extends GatewayProcessCommand {

    @Override
    void startProducers(Assembly assembly) {
        assembly.startFeeds(assembly.startVenueSimulator(true));
    }
}
