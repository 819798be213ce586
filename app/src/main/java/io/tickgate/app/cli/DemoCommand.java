package io.tickgate.app.cli;

import io.tickgate.app.config.TickgateConfig;
import io.tickgate.app.runtime.Assembly;
import io.tickgate.app.runtime.Components;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tickgate demo}: the venue simulator on free loopback ports, the feed pools connected to it over real
 * WebSockets (every simulator symbol), the gateway and the dashboard, in one process. With {@code --nodes N} (and a
 * shared {@code --broker}) it is a cluster on this machine instead: N processes, the first running the demo, the
 * others gateway nodes without feeds, on ports P .. P+N-1 ({@link NodeSupervisor}).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the full demo (venue simulator, feed pools over loopback WebSockets, gateway, dashboard)"
                + " in one process and print the URL; with --nodes N --broker redis://.. a cluster of N gateway"
                + " processes on ports P..P+N-1, the feeds on the first.")
public final class DemoCommand extends GatewayProcessCommand {

    /** How long the cluster's nodes may take to answer /health. */
    static final long NODES_HEALTHY_MILLIS = 90_000;

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "1",
            description = "gateway processes (default 1; more need a shared --broker): node 1 runs the simulator and"
                    + " the feeds, every node serves clients and its dashboard on port P+i-1")
    int nodes;

    @Override
    void startProducers(Assembly assembly) {
        assembly.startFeeds(assembly.startVenueSimulator(true));
    }

    @Override
    Components start() throws Exception {
        if (nodes == 1) {
            return super.start();
        }
        if (nodes < 1 || nodes > 16) {
            throw new IllegalArgumentException("--nodes must be 1..16, not " + nodes);
        }
        if (broker == null || broker.isBlank() || broker.equals("in-process")) {
            throw new IllegalArgumentException("--nodes " + nodes + " needs a broker the nodes share:"
                    + " --broker redis://127.0.0.1:6379 (or redis-cluster://..)");
        }
        TickgateConfig loaded = config.load(shortcuts());
        int base = port != null ? port : loaded.gateway().port();
        List<NodeSupervisor.Node> cluster = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            List<String> args = new ArrayList<>(List.of(i == 0 ? "demo" : "gateway",
                    "--port", Integer.toString(base + i), "--broker", broker));
            if (i > 0) {
                args.add("--no-feeds");
            }
            if ("embedded".equals(loaded.store().backend())) {
                // one embedded history file per node: each node keeps the history it serves
                args.addAll(List.of("--set", "store.url=" + perNode(loaded.store().url(), i + 1)));
            }
            if (config.file != null) {
                args.addAll(List.of("--config", config.file.toString()));
            }
            for (String o : config.overrides) {
                args.addAll(List.of("--set", o));
            }
            cluster.add(new NodeSupervisor.Node("node-" + (i + 1), base + i, args));
        }
        Components c = new Components();
        c.add("nodes", NodeSupervisor.start(cluster, System.out, NODES_HEALTHY_MILLIS));
        StringBuilder urls = new StringBuilder();
        for (NodeSupervisor.Node n : cluster) {
            urls.append("\n  ").append(n.name()).append(": http://127.0.0.1:").append(n.port()).append('/');
        }
        System.out.println("tickgate cluster: " + nodes + " nodes on " + broker + urls
                + "\n  (node-1 runs the venue simulator and the feeds; Ctrl-C stops every node)");
        return c;
    }

    /** {@code data/history.db} → {@code data/history-node-2.db}. */
    static String perNode(String file, int node) {
        int slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
        int dot = file.lastIndexOf('.');
        return dot > slash ? file.substring(0, dot) + "-node-" + node + file.substring(dot) : file + "-node-" + node;
    }
}
