package io.tickgate.client;

import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLException;

/**
 * Immutable client configuration, built with {@link #builder(URI)}; the builder validates on {@link Builder#build()}.
 *
 * <table>
 *   <caption>settings and defaults</caption>
 *   <tr><td>uri</td><td>(required)</td><td>{@code ws://host:port/ws} or {@code wss://host:port/ws}</td></tr>
 *   <tr><td>failover</td><td>none</td><td>more gateway nodes of the same cluster; every reconnect goes to the next
 *       uri in turn, and resumes there (the nodes share history through the broker)</td></tr>
 *   <tr><td>token</td><td>null</td><td>a JWT sent as {@code Authorization: Bearer} in every handshake; replace it
 *       before it expires with {@link TickgateClient#refresh(String)}</td></tr>
 *   <tr><td>sslContext</td><td>for {@code wss}: the JDK's trusted CAs with host name verification</td><td>Netty
 *       client {@code SslContext}, e.g. to trust a private CA:
 *       {@code SslContextBuilder.forClient().trustManager(caPem).endpointIdentificationAlgorithm("HTTPS").build()}
 *       </td></tr>
 *   <tr><td>batch</td><td>true</td><td>ask the server to pack several messages per frame ({@code ?batch=1})</td></tr>
 *   <tr><td>compression</td><td>false</td><td>offer permessage-deflate (saves bandwidth, costs CPU on both ends)</td></tr>
 *   <tr><td>heartbeatMillis</td><td>{@value #DEFAULT_HEARTBEAT_MILLIS}</td>
 *       <td>an app-level heartbeat is sent after this much outbound silence</td></tr>
 *   <tr><td>idleTimeoutMillis</td><td>{@value #DEFAULT_IDLE_TIMEOUT_MILLIS}</td>
 *       <td>with nothing received for this long the connection is dropped and replaced</td></tr>
 *   <tr><td>reconnectDelay</td><td>{@link FullJitterBackoff#DEFAULT} (500 ms .. 30 s)</td><td>delay policy</td></tr>
 *   <tr><td>stableMillis</td><td>{@value #DEFAULT_STABLE_MILLIS}</td>
 *       <td>a connection open this long resets the reconnect attempt count</td></tr>
 *   <tr><td>queueCapacity</td><td>{@value #DEFAULT_QUEUE_CAPACITY}</td>
 *       <td>messages between the socket and the listeners; see {@link TickgateClient} for the overflow policy</td></tr>
 *   <tr><td>maxFrameBytes</td><td>{@value #DEFAULT_MAX_FRAME_BYTES}</td><td>largest inbound message</td></tr>
 *   <tr><td>subscribeRetryMillis</td><td>{@value #DEFAULT_SUBSCRIBE_RETRY_MILLIS}</td><td>a subscribe the server
 *       answered {@code RATE_LIMITED} (more topics resubscribed at once than its burst) or {@code UNKNOWN_TOPIC} (its
 *       producer not up yet) is sent again after about this long (±50 %), while the topic stays subscribed</td></tr>
 *   <tr><td>eventLoopGroup</td><td>null (own single thread)</td><td>share one Netty group among many clients</td></tr>
 * </table>
 */
public final class ClientConfig {

    public static final long DEFAULT_HEARTBEAT_MILLIS = 15_000;
    public static final long DEFAULT_IDLE_TIMEOUT_MILLIS = 45_000;
    public static final long DEFAULT_STABLE_MILLIS = 10_000;
    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;
    public static final int DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;
    public static final long DEFAULT_SUBSCRIBE_RETRY_MILLIS = 2_000;

    private final URI uri;
    private final List<URI> uris;
    private final String token;
    private final boolean batch;
    private final boolean compression;
    private final long heartbeatMillis;
    private final long idleTimeoutMillis;
    private final ReconnectDelay reconnectDelay;
    private final long stableMillis;
    private final int queueCapacity;
    private final int maxFrameBytes;
    private final long subscribeRetryMillis;
    private final EventLoopGroup eventLoopGroup;
    private final SslContext sslContext;

    private ClientConfig(Builder b, SslContext sslContext) {
        this.uri = b.uri;
        this.uris = List.copyOf(b.uris);
        this.token = b.token;
        this.batch = b.batch;
        this.compression = b.compression;
        this.heartbeatMillis = b.heartbeatMillis;
        this.idleTimeoutMillis = b.idleTimeoutMillis;
        this.reconnectDelay = b.reconnectDelay;
        this.stableMillis = b.stableMillis;
        this.queueCapacity = b.queueCapacity;
        this.maxFrameBytes = b.maxFrameBytes;
        this.subscribeRetryMillis = b.subscribeRetryMillis;
        this.eventLoopGroup = b.eventLoopGroup;
        this.sslContext = sslContext;
    }

    public static Builder builder(URI uri) {
        return new Builder(uri);
    }

    public static Builder builder(String uri) {
        return new Builder(URI.create(uri));
    }

    /** The first uri. */
    public URI uri() {
        return uri;
    }

    /** Every uri the client connects to in turn: {@link #uri()} first, then the failover ones. */
    public List<URI> uris() {
        return uris;
    }

    /** The token of the first handshake, or null. */
    public String token() {
        return token;
    }

    public boolean batch() {
        return batch;
    }

    public boolean compression() {
        return compression;
    }

    public long heartbeatMillis() {
        return heartbeatMillis;
    }

    public long subscribeRetryMillis() {
        return subscribeRetryMillis;
    }

    public long idleTimeoutMillis() {
        return idleTimeoutMillis;
    }

    public ReconnectDelay reconnectDelay() {
        return reconnectDelay;
    }

    public long stableMillis() {
        return stableMillis;
    }

    public int queueCapacity() {
        return queueCapacity;
    }

    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    /** The shared event loop group, or null when the client runs its own. */
    public EventLoopGroup eventLoopGroup() {
        return eventLoopGroup;
    }

    /** TLS for a {@code wss://} uri; null for {@code ws://}. */
    public SslContext sslContext() {
        return sslContext;
    }

    /** The uri's port, or the scheme's default (80 for ws, 443 for wss). */
    public int port() {
        return port(uri);
    }

    /** {@code u}'s port, or the scheme's default (80 for ws, 443 for wss). */
    public int port(URI u) {
        return u.getPort() > 0 ? u.getPort() : sslContext != null ? 443 : 80;
    }

    /** Validating builder; see the class comment for defaults. */
    public static final class Builder {
        private final URI uri;
        private final List<URI> uris = new ArrayList<>();
        private String token;
        private boolean batch = true;
        private boolean compression;
        private long heartbeatMillis = DEFAULT_HEARTBEAT_MILLIS;
        private long idleTimeoutMillis = DEFAULT_IDLE_TIMEOUT_MILLIS;
        private ReconnectDelay reconnectDelay = FullJitterBackoff.DEFAULT;
        private long stableMillis = DEFAULT_STABLE_MILLIS;
        private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
        private int maxFrameBytes = DEFAULT_MAX_FRAME_BYTES;
        private long subscribeRetryMillis = DEFAULT_SUBSCRIBE_RETRY_MILLIS;
        private EventLoopGroup eventLoopGroup;
        private SslContext sslContext;

        private Builder(URI uri) {
            this.uri = Objects.requireNonNull(uri, "uri");
            this.uris.add(uri);
        }

        /**
         * More nodes of the same gateway cluster (same scheme as the first uri): a lost connection is replaced by one
         * to the next uri in turn, where the client resumes its topics.
         */
        public Builder failover(URI... others) {
            for (URI u : others) {
                uris.add(Objects.requireNonNull(u, "failover uri"));
            }
            return this;
        }

        /** A JWT for the {@code Authorization: Bearer} header (null: none). */
        public Builder token(String jwt) {
            this.token = jwt == null || jwt.isBlank() ? null : jwt;
            return this;
        }

        public Builder batch(boolean on) {
            this.batch = on;
            return this;
        }

        public Builder compression(boolean on) {
            this.compression = on;
            return this;
        }

        public Builder heartbeatMillis(long millis) {
            this.heartbeatMillis = millis;
            return this;
        }

        public Builder idleTimeoutMillis(long millis) {
            this.idleTimeoutMillis = millis;
            return this;
        }

        public Builder reconnectDelay(ReconnectDelay policy) {
            this.reconnectDelay = Objects.requireNonNull(policy, "policy");
            return this;
        }

        public Builder stableMillis(long millis) {
            this.stableMillis = millis;
            return this;
        }

        public Builder queueCapacity(int capacity) {
            this.queueCapacity = capacity;
            return this;
        }

        public Builder maxFrameBytes(int bytes) {
            this.maxFrameBytes = bytes;
            return this;
        }

        public Builder subscribeRetryMillis(long millis) {
            this.subscribeRetryMillis = millis;
            return this;
        }

        /** Runs the client on a shared group (not shut down by the client). */
        public Builder eventLoopGroup(EventLoopGroup group) {
            this.eventLoopGroup = group;
            return this;
        }

        /** TLS settings for {@code wss://} (default: the JDK's trusted CAs, host name verified). */
        public Builder sslContext(SslContext context) {
            this.sslContext = context;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException naming the first invalid setting
         */
        public ClientConfig build() {
            String scheme = uri.getScheme();
            require("ws".equals(scheme) || "wss".equals(scheme), "uri must be ws:// or wss://host:port/path: " + uri);
            require(sslContext == null || sslContext.isClient(), "sslContext must be a client context");
            for (URI u : uris) {
                require(scheme.equals(u.getScheme()), "every uri must use the first one's scheme (" + scheme + "): " + u);
                require(u.getHost() != null, "uri needs a host: " + u);
            }
            require(heartbeatMillis > 0, "heartbeatMillis must be > 0");
            require(idleTimeoutMillis > heartbeatMillis, "idleTimeoutMillis must be > heartbeatMillis");
            require(stableMillis >= 0, "stableMillis must be >= 0");
            require(queueCapacity >= 16, "queueCapacity must be >= 16");
            require(maxFrameBytes >= 1024, "maxFrameBytes must be >= 1024");
            require(subscribeRetryMillis > 0, "subscribeRetryMillis must be > 0");
            return new ClientConfig(this, "wss".equals(scheme) ? tls() : null);
        }

        private SslContext tls() {
            if (sslContext != null) {
                return sslContext;
            }
            try {
                return SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS").build();
            } catch (SSLException e) {
                throw new IllegalStateException("cannot create the default TLS context: " + e.getMessage(), e);
            }
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
