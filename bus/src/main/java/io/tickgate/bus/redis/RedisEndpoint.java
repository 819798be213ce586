package io.tickgate.bus.redis;

import io.lettuce.core.RedisURI;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the Redis engine connects, parsed from a broker URL: {@code redis://host:port} (standalone),
 * {@code rediss://host:port} (standalone over TLS) or {@code redis-cluster://h1:p1,h2:p2,...} (a Redis Cluster,
 * seed nodes). Credentials and a database may be given as Lettuce's {@code RedisURI} accepts them
 * ({@code redis://user:password@host:port/0}).
 */
public record RedisEndpoint(String url, boolean cluster, List<RedisURI> uris) {

    public RedisEndpoint {
        uris = List.copyOf(uris);
    }

    /**
     * Parses a broker URL.
     *
     * @throws IllegalArgumentException with what is wrong, for anything but the forms above
     */
    public static RedisEndpoint parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("broker URL is empty");
        }
        String u = url.trim();
        try {
            if (u.startsWith("redis-cluster://")) {
                String rest = u.substring("redis-cluster://".length());
                if (rest.isEmpty()) {
                    throw new IllegalArgumentException("no node in " + u);
                }
                List<RedisURI> nodes = new ArrayList<>();
                for (String node : rest.split(",")) {
                    if (node.isBlank()) {
                        throw new IllegalArgumentException("empty node in " + u);
                    }
                    nodes.add(RedisURI.create("redis://" + node.trim()));
                }
                return new RedisEndpoint(u, true, nodes);
            }
            if (u.startsWith("redis://") || u.startsWith("rediss://")) {
                return new RedisEndpoint(u, false, List.of(RedisURI.create(u)));
            }
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("invalid broker URL")) {
                throw e;
            }
            throw new IllegalArgumentException("invalid broker URL \"" + u + "\": " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("invalid broker URL \"" + u + "\": expected in-process, redis://host:port, "
                + "rediss://host:port or redis-cluster://host:port,host:port,...");
    }

    /** The URL without a password, for logs and problems. */
    public String display() {
        return url.replaceAll("://[^@/]*@", "://***@");
    }
}
