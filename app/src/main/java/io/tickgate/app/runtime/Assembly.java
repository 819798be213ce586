package io.tickgate.app.runtime;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tickgate.app.config.TickgateConfig;
import io.tickgate.bus.local.InProcessBroker;
import io.tickgate.gateway.Gateway;
import io.tickgate.gateway.GatewayConfig;
import io.tickgate.simulator.market.MarketSimulator;
import io.tickgate.simulator.market.SimulatorConfig;
import java.io.PrintStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds one process's components from the configuration, in data-flow order: metrics and broker first, then the
 * gateway (so it sees every event from seq 1), then producers. Everything started is registered in
 * {@link #components()} and closed in reverse.
 */
public final class Assembly {

    private static final Logger LOG = LoggerFactory.getLogger(Assembly.class);

    private final TickgateConfig config;
    private final Components components = new Components();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final InProcessBroker broker;
    private Gateway gateway;

    public Assembly(TickgateConfig config) {
        this.config = config;
        components.add("metrics", registry::close);
        this.broker = components.add("broker", new InProcessBroker());
    }

    /** Starts the client gateway on the configured host and port. */
    public Gateway startGateway() {
        TickgateConfig.Gateway g = config.gateway();
        GatewayConfig gc = GatewayConfig.builder()
                .host(g.host())
                .port(g.port())
                .maxFrameBytes(g.maxFrameBytes())
                .heartbeatIntervalMillis(g.heartbeatIntervalMillis())
                .pongTimeoutMillis(g.pongTimeoutMillis())
                .maxSubscriptionsPerConnection(g.maxSubscriptionsPerConnection())
                .inboundRateLimit(g.inboundRatePerSecond(), g.inboundBurst())
                .tradeSnapshotSize(g.tradeSnapshotSize())
                .bookSnapshotDepth(g.bookSnapshotDepth())
                .build();
        gateway = components.add("gateway", Gateway.start(gc, broker, registry));
        LOG.info("gateway listening on {}:{}", g.host(), gateway.port());
        return gateway;
    }

    /** Starts the built-in market simulator, publishing into the broker. */
    public MarketSimulator startSimulator() {
        TickgateConfig.Simulator s = config.simulator();
        SimulatorConfig sc = SimulatorConfig.builder()
                .seed(s.seed())
                .symbolsPerSource(s.symbolsPerSource())
                .eventsPerSecond(s.eventsPerSecond())
                .build();
        MarketSimulator sim = components.add("simulator", new MarketSimulator(sc, broker::publish));
        sim.start();
        LOG.info("simulator started: {} symbols, {} events/s, seed {}", sim.symbols().size(), s.eventsPerSecond(),
                s.seed());
        return sim;
    }

    /** Prints where to connect. */
    public void printUrls(PrintStream out) {
        if (gateway == null) {
            return;
        }
        String host = config.gateway().host();
        String shown = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        out.println("tickgate is running:");
        out.println("  dashboard  http://" + shown + ":" + gateway.port() + "/");
        out.println("  websocket  ws://" + shown + ":" + gateway.port() + "/ws");
        out.println("  metrics    http://" + shown + ":" + gateway.port() + "/metrics");
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }

    public Components components() {
        return components;
    }
}
