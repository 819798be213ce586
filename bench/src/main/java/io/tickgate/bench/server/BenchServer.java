package io.tickgate.bench.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tickgate.bench.source.SyntheticSource;
import io.tickgate.bus.local.InProcessBroker;
import io.tickgate.gateway.Gateway;
import io.tickgate.gateway.GatewayConfig;
import io.tickgate.gateway.admission.AdmissionConfig;
import io.tickgate.gateway.bootstrap.Transport;
import io.tickgate.model.topic.Topic;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The process under test: metrics registry (with JVM memory and GC meters), in-process broker, the real
 * {@link Gateway}, and a {@link SyntheticSource} publishing into the broker. Started in that order, closed in
 * reverse.
 *
 * <pre>{@code
 * try (BenchServer s = BenchServer.start(new BenchServer.Settings("127.0.0.1", 0, 100, 10_000, 0, 0))) {
 *     s.port();   // ws://127.0.0.1:<port>/ws, topics bench.S00000.trade .. bench.S00099.trade
 * }
 * }</pre>
 *
 * Routes added to the gateway: {@code GET /api/v1/bench} (the load, the gateway's connection, subscription,
 * message, drop and slow-consumer counters) and {@code GET /api/v1/bench/memory} (runs a full GC, then
 * {@link ProcessMemory#read}; it pauses the process, so it is for benchmarks only).
 */
public final class BenchServer implements AutoCloseable {

    /** Route with the load and the gateway's counters. */
    public static final String INFO_PATH = "/api/v1/bench";
    /** Route with the process memory after a full GC. */
    public static final String MEMORY_PATH = "/api/v1/bench/memory";

    /**
     * What to run.
     *
     * @param host          interface the gateway binds (e.g. 127.0.0.1, or 0.0.0.0 for clients from 127.0.0.2..)
     * @param port          gateway port; 0 = a random free port
     * @param topics        number of synthetic topics (1..1,000,000)
     * @param ratePerSecond synthetic events per second over all topics (0 = only one seed event per topic)
     * @param ioThreads     gateway I/O threads; 0 = the gateway's default
     * @param hubShards     gateway hub shards; 0 = the gateway's default
     * @param symbolFormat  the topics' symbols, {@code String.format}ted with 0, 1, ... (see
     *                      {@link SyntheticSource#topics(int, String)})
     * @param tickMillis    0: events paced one by one; else published in a burst every this many ms
     * @param transport     the gateway's socket transport; null = the gateway's default
     * @param writeDelayMillis the gateway's {@code writeDelayMillis} (0: messages written at once)
     */
    public record Settings(String host, int port, int topics, double ratePerSecond, int ioThreads, int hubShards,
                           String symbolFormat, int tickMillis, Transport transport, int writeDelayMillis) {

        /** Without a write delay. */
        public Settings(String host, int port, int topics, double ratePerSecond, int ioThreads, int hubShards,
                        String symbolFormat, int tickMillis, Transport transport) {
            this(host, port, topics, ratePerSecond, ioThreads, hubShards, symbolFormat, tickMillis, transport, 0);
        }

        /** With the default symbols {@code S00000}, {@code S00001}, ..., paced, the default transport. */
        public Settings(String host, int port, int topics, double ratePerSecond, int ioThreads, int hubShards) {
            this(host, port, topics, ratePerSecond, ioThreads, hubShards, SyntheticSource.DEFAULT_SYMBOL_FORMAT, 0,
                    null);
        }
    }

    private final PrometheusMeterRegistry registry;
    private final InProcessBroker broker;
    private final Gateway gateway;
    private final SyntheticSource source;
    private final JvmGcMetrics gcMetrics;

    private BenchServer(PrometheusMeterRegistry registry, JvmGcMetrics gcMetrics, InProcessBroker broker,
                        Gateway gateway, SyntheticSource source) {
        this.registry = registry;
        this.gcMetrics = gcMetrics;
        this.broker = broker;
        this.gateway = gateway;
        this.source = source;
    }

    /**
     * Starts everything.
     *
     * @throws IllegalArgumentException on invalid settings
     * @throws IllegalStateException    when the port cannot be bound
     */
    public static BenchServer start(Settings s) {
        // validates the count and the symbols before anything starts
        List<Topic> topics = SyntheticSource.topics(s.topics(), s.symbolFormat());
        // load generators open tens of thousands of connections per source address, as fast as they can
        GatewayConfig.Builder b = GatewayConfig.builder().host(s.host()).port(s.port())
                .admission(AdmissionConfig.builder().maxConnectionsPerIp(0).connectRatePerIp(0, 1).build());
        if (s.ioThreads() > 0) {
            b.ioThreads(s.ioThreads());
        }
        if (s.hubShards() > 0) {
            b.hubShards(s.hubShards());
        }
        if (s.transport() != null) {
            b.transport(s.transport());
        }
        b.writeDelayMillis(s.writeDelayMillis());
        GatewayConfig config = b.build();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        InProcessBroker broker = InProcessBroker.withoutRetention();
        Gateway gateway;
        SyntheticSource source;
        try {
            source = new SyntheticSource(broker, topics, s.ratePerSecond(), s.tickMillis());
            gateway = Gateway.start(config, broker, registry);
        } catch (RuntimeException e) {
            broker.close();
            gc.close();
            registry.close();
            throw e;
        }
        BenchServer server = new BenchServer(registry, gc, broker, gateway, source);
        gateway.addJsonRoute(INFO_PATH, server::info);
        gateway.addJsonRoute(MEMORY_PATH, () -> {
            Map<String, Object> m = ProcessMemory.read(true);
            m.put("connections", gateway.connections());
            return m;
        });
        source.start();
        return server;
    }

    /** The gateway's port. */
    public int port() {
        return gateway.port();
    }

    public Gateway gateway() {
        return gateway;
    }

    public SyntheticSource source() {
        return source;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** What {@code GET /api/v1/bench} answers. */
    public Map<String, Object> info() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pid", ProcessHandle.current().pid());
        m.put("topics", source.topics().size());
        m.put("topicPattern", SyntheticSource.ALL_TOPICS);
        m.put("ratePerSecond", source.ratePerSecond());
        m.put("published", source.published());
        m.put("connections", gateway.connections());
        m.put("subscriptions", gauge("tickgate.gateway.subscriptions"));
        m.put("messagesOut", counter("tickgate.gateway.messages.out"));
        m.put("hubDropped", counter("tickgate.gateway.hub.dropped"));
        m.put("hubGaps", counter("tickgate.gateway.hub.gaps"));
        m.put("hubWaits", counter("tickgate.gateway.hub.waits"));
        m.put("slowConsumerDisconnects", counter("tickgate.gateway.slow.consumer.disconnects"));
        m.put("hubQueueDepth", gauge("tickgate.gateway.hub.queue.depth"));
        return m;
    }

    private long counter(String name) {
        double sum = 0;
        for (Counter c : registry.find(name).counters()) {
            sum += c.count();
        }
        return (long) sum;
    }

    private long gauge(String name) {
        io.micrometer.core.instrument.Gauge g = registry.find(name).gauge();
        return g == null ? -1 : (long) g.value();
    }

    /** Stops the source, the gateway, the broker and the registry, in that order. */
    @Override
    public void close() {
        source.close();
        gateway.close();
        broker.close();
        gcMetrics.close();
        registry.close();
    }
}
