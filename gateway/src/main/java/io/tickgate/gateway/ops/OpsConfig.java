package io.tickgate.gateway.ops;

import java.util.Objects;
import java.util.Set;

/**
 * Where the operations endpoints are served and who may read them.
 *
 * @param port  0 (default): on the gateway port, to loopback clients and to requests with the token; otherwise a
 *              separate listener on {@code host:port} serving them (and {@code /health}, {@code /ready}), and the
 *              gateway port answers them 404
 * @param host  interface of the separate listener (default {@value #DEFAULT_HOST})
 * @param token admin token ({@code Authorization: Bearer TOKEN}); empty (default) = none. On the gateway port it
 *              opens the endpoints to non-loopback clients; on a separate port it is then required from everyone
 */
public record OpsConfig(int port, String host, String token) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    /** Paths that are operations endpoints: exact paths ... */
    public static final Set<String> OPS_PATHS = Set.of("/metrics", "/api/v1/feeds", "/api/v1/nodes",
            "/api/v1/presence", "/admin");
    /** ... and everything under this prefix. */
    public static final String ADMIN_PREFIX = "/admin/";

    /** Endpoints on the gateway port, loopback only, no token. */
    public static final OpsConfig DEFAULT = new OpsConfig(0, DEFAULT_HOST, "");

    public OpsConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(token, "token");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("ops port must be 0..65535");
        }
        if (!token.isEmpty() && token.length() < 16) {
            throw new IllegalArgumentException("ops token must have at least 16 characters");
        }
    }

    /** True when the ops endpoints have a listener of their own. */
    public boolean separatePort() {
        return port > 0;
    }

    /**
     * True for {@code /metrics}, {@code /api/v1/feeds}, {@code /api/v1/nodes}, {@code /api/v1/presence} (who is
     * connected where, with client addresses), {@code /admin} and {@code /admin/...}. The API-key endpoints
     * ({@code POST /api/v1/publish}, {@code POST /api/v1/users/{id}/disconnect}) are not: applications call them
     * on the gateway port with a key, from anywhere.
     */
    public static boolean isOpsPath(String path) {
        return OPS_PATHS.contains(path) || path.startsWith(ADMIN_PREFIX);
    }
}
