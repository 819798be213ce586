package io.tickgate.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Meters of the network edge (admission, origin check, ops access), named {@code tickgate.gateway.edge.*}
 * (Prometheus: {@code tickgate_gateway_edge_*}). Thread-safe.
 */
public final class EdgeMetrics {

    private static final String PREFIX = "tickgate.gateway.edge.";

    private final MeterRegistry registry;
    private final Map<String, Counter> refusals = new ConcurrentHashMap<>();

    public EdgeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * A connection or request refused (or a connection closed) at the edge, by reason: {@code ip_limit},
     * {@code ip_rate}, {@code global_limit}, {@code global_overflow}, {@code handshake_timeout}, {@code origin},
     * {@code cors}, {@code ops}.
     */
    public void refused(String reason) {
        refusals.computeIfAbsent(reason, r -> Counter.builder(PREFIX + "refusals").tag("reason", r)
                .description("Connections or requests refused at the network edge, by reason").register(registry))
                .increment();
    }

    /** The count of {@link #refused} for a reason (0 when none yet). */
    public double refusals(String reason) {
        Counter c = refusals.get(reason);
        return c == null ? 0 : c.count();
    }

    /**
     * Registers the admission gauges: open sockets, admitted connections, the global limit and the process's
     * open-file limit.
     */
    public void admissionGauges(Supplier<Number> openSockets, Supplier<Number> admitted, long maxConnections,
                                long maxFileDescriptors) {
        Gauge.builder(PREFIX + "sockets", openSockets)
                .description("Client sockets open on the gateway port (admitted and refused-but-not-yet-closed)")
                .register(registry);
        Gauge.builder(PREFIX + "admitted", admitted)
                .description("Admitted client connections on the gateway port (what the global limit counts)")
                .register(registry);
        Gauge.builder(PREFIX + "max.connections", () -> maxConnections)
                .description("Global connection limit of the gateway port").register(registry);
        Gauge.builder(PREFIX + "max.file.descriptors", () -> maxFileDescriptors)
                .description("The process's open-file limit read at start (-1 when unknown)").register(registry);
    }
}
