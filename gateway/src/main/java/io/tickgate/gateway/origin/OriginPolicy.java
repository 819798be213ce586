package io.tickgate.gateway.origin;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which browser origins may open WebSockets and read the REST API across origins.
 *
 * <ul>
 *   <li>No {@code Origin} header (non-browser clients): always allowed; origins protect browsers' users, not the
 *       server (a non-browser client can send any header).</li>
 *   <li>Same origin (the {@code Origin}'s host and port equal the request's {@code Host}): always allowed, so the
 *       dashboard served by the gateway itself works.</li>
 *   <li>Listed origins ({@code https://app.example.com}, exact, scheme and port included): allowed, and get CORS
 *       headers on {@code /api/v1/*}.</li>
 *   <li>{@code *} in the list: every origin (for a public feed).</li>
 *   <li>Anything else, {@code Origin: null} included (sandboxed frames, {@code file://} pages): refused ({@code null} is
 *       allowed only when listed literally, {@code *} does not cover it).</li>
 * </ul>
 */
public final class OriginPolicy {

    private final Set<String> allowed = new HashSet<>();
    private final boolean any;

    /** @param allowedOrigins {@code scheme://host[:port]} entries or {@code *}; empty = same origin only */
    public OriginPolicy(List<String> allowedOrigins) {
        boolean star = false;
        for (String o : allowedOrigins) {
            String t = o.trim();
            if ("*".equals(t)) {
                star = true;
            } else {
                allowed.add(normalize(t));
            }
        }
        this.any = star;
    }

    /** For a WebSocket handshake: may a page of {@code origin} (null = no header) connect to {@code host}? */
    public boolean allowsHandshake(String origin, String host) {
        return origin == null || allowsCrossOrigin(origin) || sameOrigin(origin, host);
    }

    /** For CORS: is {@code origin} listed (or {@code *} configured)? */
    public boolean allowsCrossOrigin(String origin) {
        if (origin == null) {
            return false;
        }
        String o = normalize(origin.trim());
        return "null".equals(o) ? allowed.contains("null") : any || allowed.contains(o);
    }

    /** True when the origin's host[:port] equals the Host header (default ports made explicit on both sides). */
    static boolean sameOrigin(String origin, String host) {
        if (host == null || origin == null) {
            return false;
        }
        try {
            URI o = URI.create(origin.trim());
            if (o.getHost() == null || o.getScheme() == null) {
                return false;
            }
            int port = o.getPort() >= 0 ? o.getPort() : defaultPort(o.getScheme());
            URI h = URI.create(o.getScheme() + "://" + host.trim());
            int hostPort = h.getPort() >= 0 ? h.getPort() : defaultPort(o.getScheme());
            return o.getHost().equalsIgnoreCase(h.getHost()) && port == hostPort;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int defaultPort(String scheme) {
        return "https".equalsIgnoreCase(scheme) || "wss".equalsIgnoreCase(scheme) ? 443 : 80;
    }

    private static String normalize(String origin) {
        String o = origin.toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}
