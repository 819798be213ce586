package io.tickgate.gateway.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tickgate.gateway.health.Readiness;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The HTTP endpoints' moving parts: JSON routes (built-in and added by other components), the readiness checks and
 * the metrics registry. Routes and checks may be added at any time from any thread.
 */
public final class HttpRoutes {

    private final Map<String, Supplier<?>> jsonRoutes = new ConcurrentHashMap<>();
    private final PrometheusMeterRegistry registry;
    private final Readiness readiness = new Readiness();

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

    /** The checks behind {@code GET /ready}. */
    public Readiness readiness() {
        return readiness;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }
}
