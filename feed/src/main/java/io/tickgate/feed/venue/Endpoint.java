package io.tickgate.feed.venue;

import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One WebSocket endpoint of a venue (OKX: {@code public} and {@code business}; Binance: one). A venue says which
 * endpoint each of its channels lives on ({@link VenueAdapter#endpoint(String)}); the pool opens a pool of
 * connections per endpoint that has channels.
 *
 * @param name the endpoint's name: in configuration ({@code <venue>.endpoints.<name>}), metrics and
 *             {@code /api/v1/feeds}
 * @param url  its default URL
 * @param path its path, the same on the venue and on the built-in simulator's port ({@code /ws/v5/business}); empty
 *             for the root
 */
public record Endpoint(String name, String url, String path) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    public Endpoint {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("an endpoint name is lower-case letters, digits and '-': " + name);
        }
        Objects.requireNonNull(url, "url");
        path = path == null ? "" : path;
    }

    /**
     * This endpoint's URL next to {@code primaryUrl}, a URL of the venue's {@code primary} endpoint: the same scheme,
     * host and port, with the primary's path replaced by this one's ({@code ws://127.0.0.1:9101/ws/v5/public} →
     * {@code ws://127.0.0.1:9101/ws/v5/business}).
     *
     * @throws IllegalArgumentException if {@code primaryUrl}'s path does not end with the primary endpoint's path
     */
    public String next(String primaryUrl, Endpoint primary) {
        URI u = URI.create(primaryUrl.trim());
        String p = u.getRawPath() == null ? "" : u.getRawPath();
        if (u.getRawQuery() != null || u.getRawFragment() != null || !p.endsWith(primary.path())) {
            throw new IllegalArgumentException("cannot derive the " + name + " endpoint's URL from " + primaryUrl
                    + " (expected a URL ending in \"" + primary.path() + "\"): set it");
        }
        String base = primaryUrl.trim();
        base = base.substring(0, base.length() - primary.path().length());
        if (base.endsWith("/") && path.startsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + path;
    }
}
