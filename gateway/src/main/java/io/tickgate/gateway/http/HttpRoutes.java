package io.tickgate.gateway.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The HTTP endpoints' moving parts: JSON routes (built-in and added by other components), the readiness check and
 * the metrics registry. Routes may be added and readiness replaced at any time from any thread.
 */
public final class HttpRoutes {

    private final Map<String, Supplier<?>> jsonRoutes = new ConcurrentHashMap<>();
    private final PrometheusMeterRegistry registry;
    private volatile BooleanSupplier readiness = () -> true;

    public HttpRoutes(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    /** Serves {@code GET path} with the JSON of what {@code body} returns at request time (replaces a route). */
    public void addJsonRoute(String path, Supplier<?> body) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("route path must start with /: " + path);
        }
        jsonRoutes.put(path, Objects.requireNonNull(body, "body"));
    }

    /** The JSON route for a path, or null. */
    public Supplier<?> jsonRoute(String path) {
        return jsonRoutes.get(path);
    }

    public void setReadiness(BooleanSupplier readiness) {
        this.readiness = Objects.requireNonNull(readiness, "readiness");
    }

    public BooleanSupplier readiness() {
        return readiness;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }
}
