package io.tickgate.gateway.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.handler.codec.http.HttpMethod;
import io.tickgate.gateway.health.Readiness;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The HTTP endpoints' moving parts: JSON routes (built-in and added by other components), API routes (any method,
 * path templates, query and body, answered asynchronously), the readiness checks and the metrics registry. Routes and
 * checks may be added at any time from any thread.
 */
public final class HttpRoutes {

    /** An API route that matched a request's path and method, with the path's captured segments. */
    public record Match(ApiHandler handler, Map<String, String> pathParams) {
    }

    private record ApiRoute(HttpMethod method, RouteTemplate template, ApiHandler handler) {
    }

    private final List<ApiRoute> apiRoutes = new CopyOnWriteArrayList<>();

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

    /**
     * Serves {@code method} on the paths {@code template} matches ({@code /api/v1/users/{id}/disconnect}); the first
     * route added wins when two match.
     */
    public void addRoute(HttpMethod method, String template, ApiHandler handler) {
        apiRoutes.add(new ApiRoute(Objects.requireNonNull(method, "method"), RouteTemplate.of(template),
                Objects.requireNonNull(handler, "handler")));
    }

    /** The API route for {@code method} and {@code path}, or null. */
    public Match apiRoute(HttpMethod method, String path) {
        for (ApiRoute r : apiRoutes) {
            if (r.method().equals(method)) {
                Map<String, String> params = r.template().match(path);
                if (params != null) {
                    return new Match(r.handler(), params);
                }
            }
        }
        return null;
    }

    /** The methods API routes serve on {@code path} (empty when none), for a 405's {@code Allow}. */
    public Set<String> apiMethods(String path) {
        Set<String> methods = new TreeSet<>();
        for (ApiRoute r : apiRoutes) {
            if (r.template().match(path) != null) {
                methods.add(r.method().name());
            }
        }
        return methods;
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
