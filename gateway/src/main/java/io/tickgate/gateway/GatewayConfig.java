package io.tickgate.gateway;

import io.tickgate.gateway.admission.AdmissionConfig;
import io.tickgate.gateway.auth.AuthConfig;
import io.tickgate.gateway.bootstrap.Transport;
import io.tickgate.gateway.hub.TopicHub;
import io.tickgate.gateway.ops.OpsConfig;
import io.tickgate.gateway.publish.ApiConfig;
import io.tickgate.gateway.tls.TlsConfig;
import io.tickgate.model.topic.Topic;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Immutable gateway configuration, built with {@link #builder()}. Every setting has a documented default; the builder
 * validates on {@link Builder#build()}.
 *
 * <table>
 *   <caption>settings and defaults</caption>
 *   <tr><td>host</td><td>{@value #DEFAULT_HOST}</td><td>interface to bind</td></tr>
 *   <tr><td>port</td><td>{@value #DEFAULT_PORT}</td><td>0 = a random free port (see {@link Gateway#port()})</td></tr>
 *   <tr><td>maxFrameBytes</td><td>{@value #DEFAULT_MAX_FRAME_BYTES}</td><td>largest inbound WebSocket message</td></tr>
 *   <tr><td>heartbeatIntervalMillis</td><td>{@value #DEFAULT_HEARTBEAT_INTERVAL_MILLIS}</td>
 *       <td>a WebSocket ping is sent after this much inbound silence</td></tr>
 *   <tr><td>pongTimeoutMillis</td><td>{@value #DEFAULT_PONG_TIMEOUT_MILLIS}</td>
 *       <td>close 4002 after this much inbound silence</td></tr>
 *   <tr><td>maxSubscriptionsPerConnection</td><td>{@value #DEFAULT_MAX_SUBSCRIPTIONS}</td><td></td></tr>
 *   <tr><td>inboundRateLimit</td><td>{@value #DEFAULT_RATE_PER_SECOND}/s, burst {@value #DEFAULT_RATE_BURST}</td>
 *       <td>over it: RATE_LIMITED; over twice the rate and burst: close 4029</td></tr>
 *   <tr><td>tradeSnapshotSize</td><td>{@value #DEFAULT_TRADE_SNAPSHOT_SIZE}</td><td>trades in a trade snapshot</td></tr>
 *   <tr><td>bookSnapshotDepth</td><td>{@value #DEFAULT_BOOK_SNAPSHOT_DEPTH}</td><td>levels per side in book snapshots</td></tr>
 *   <tr><td>auth</td><td>off; anonymous clients may subscribe to every topic</td><td>JWT authentication and
 *       topic ACL ({@link AuthConfig})</td></tr>
 *   <tr><td>maxQueuedBytesPerConnection</td><td>{@value #DEFAULT_MAX_QUEUED_BYTES} (4 MiB)</td>
 *       <td>outbound bytes a connection may have queued before it is closed with 4008</td></tr>
 *   <tr><td>maxTotalQueuedBytes</td><td>25 % of the JVM's max heap ({@link Runtime#maxMemory()})</td>
 *       <td>cap on outbound bytes queued over all connections (queues, socket write buffers, a per-message overhead);
 *       above half of it state topics of connections with a backlog are conflated, above three quarters the
 *       largest backlogs are closed with 4008, past seven eighths only connections that keep up (and state-topic
 *       snapshots) are admitted, and nothing is ever queued past it</td></tr>
 *   <tr><td>maxQueueDelayMillis</td><td>{@value #DEFAULT_MAX_QUEUE_DELAY_MILLIS}</td><td>a connection whose oldest
 *       queued message has waited longer is closed with 4008; 0 = no limit</td></tr>
 *   <tr><td>hubShards</td><td>0</td><td>single-threaded topic hub shards; 0 = {@link #defaultThreads()} (half the
 *       cores, at least 1)</td></tr>
 *   <tr><td>hubQueueCapacity</td><td>{@value #DEFAULT_HUB_QUEUE_CAPACITY}</td>
 *       <td>envelopes queued per shard; when full, the in-process broker's publishing thread waits while the shard
 *       moves (an event loop's drops), a shared broker's envelope is dropped and counted and its topic resynchronized
 *       </td></tr>
 *   <tr><td>hubIntake</td><td>AUTO</td><td>how the hub takes envelopes: the firehose (every topic; the in-process
 *       broker) or a broker subscription per topic local clients use (shared engines); AUTO picks by broker</td></tr>
 *   <tr><td>hubLingerMillis</td><td>5000</td><td>per-topic intake: a topic no local client wants any more stays
 *       subscribed in the broker this long (a reconnecting client finds it still followed)</td></tr>
 *   <tr><td>ioThreads</td><td>0</td><td>Netty worker threads; 0 = {@link #defaultThreads()} (half the cores, at
 *       least 1)</td></tr>
 *   <tr><td>eventHistorySize / eventHistoryMaxAgeMillis</td><td>{@value #DEFAULT_EVENT_HISTORY_SIZE} /
 *       {@value #DEFAULT_EVENT_HISTORY_MAX_AGE_MILLIS}</td><td>history kept per event topic (trade) for resume: at
 *       most this many messages, none older than this; 0 messages = no history</td></tr>
 *   <tr><td>stateHistorySize / stateHistoryMaxAgeMillis</td><td>{@value #DEFAULT_STATE_HISTORY_SIZE} /
 *       {@value #DEFAULT_STATE_HISTORY_MAX_AGE_MILLIS}</td><td>the same for state topics (book, ticker, book.top,
 *       kline)</td></tr>
 *   <tr><td>writeBufferLowWaterMark / writeBufferHighWaterMark</td><td>{@value #DEFAULT_WRITE_BUFFER_LOW} /
 *       {@value #DEFAULT_WRITE_BUFFER_HIGH}</td><td>bytes handed to a socket but not yet sent: above high the
 *       connection is congested (no more writes; state channels conflate), below low it is writable again</td></tr>
 *   <tr><td>maxBatchMessages / maxBatchBytes</td><td>{@value #DEFAULT_MAX_BATCH_MESSAGES} /
 *       {@value #DEFAULT_MAX_BATCH_BYTES}</td><td>largest frame a {@code ?batch=1} client gets: messages per JSON
 *       array and bytes (a single larger message is still sent, alone)</td></tr>
 *   <tr><td>writeDelayMillis</td><td>0</td><td>hold hub messages back up to this long per connection, so each
 *       connection is written at most once per delay: fewer, fuller socket writes (less CPU per message) for up to
 *       this much more latency; 0 = write at once; at most {@value #MAX_WRITE_DELAY_MILLIS}</td></tr>
 *   <tr><td>declaredTopics</td><td>empty</td><td>topics the configuration says will be published (the feeds'
 *       venue × symbol × channel): subscribe and resume accept them before their first message</td></tr>
 *   <tr><td>compression</td><td>true</td><td>negotiate permessage-deflate when a client offers it</td></tr>
 *   <tr><td>transport</td><td>{@code epoll}</td><td>socket transport: {@code io_uring}, {@code epoll} or {@code nio};
 *       a native one unavailable here falls back to the next ({@link Transport#orFallback()})</td></tr>
 *   <tr><td>socketSendBufferBytes</td><td>0 (the OS default)</td><td>SO_SNDBUF of client sockets; smaller makes a
 *       stalled client's back-pressure reach the gateway (and its slow-consumer policy) sooner</td></tr>
 *   <tr><td>admission</td><td>{@link AdmissionConfig#defaults()}</td><td>handshake timeout, global and per-IP
 *       connection limits, per-IP connection rate, trusted proxies</td></tr>
 *   <tr><td>tls</td><td>off</td><td>PEM certificate chain and key for {@code wss://} / {@code https://}, reloaded
 *       when the files change</td></tr>
 *   <tr><td>allowedOrigins</td><td>empty</td><td>browser origins allowed besides the same origin ({@code *} = all);
 *       they also get CORS headers on {@code /api/v1/*}</td></tr>
 *   <tr><td>ops</td><td>{@link OpsConfig#DEFAULT}</td><td>operations endpoints: on the gateway port for loopback
 *       clients and the admin token, or on a port of their own</td></tr>
 *   <tr><td>api</td><td>{@link ApiConfig#DEFAULT}</td><td>API keys for {@code POST /api/v1/publish} and
 *       {@code /api/v1/users/{id}/disconnect}, and the largest published message</td></tr>
 * </table>
 */
public final class GatewayConfig {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_MAX_FRAME_BYTES = 65_536;
    public static final long DEFAULT_HEARTBEAT_INTERVAL_MILLIS = 20_000;
    public static final long DEFAULT_PONG_TIMEOUT_MILLIS = 60_000;
    public static final int DEFAULT_MAX_SUBSCRIPTIONS = 1_000;
    public static final int DEFAULT_RATE_PER_SECOND = 100;
    public static final int DEFAULT_RATE_BURST = 200;
    public static final int DEFAULT_TRADE_SNAPSHOT_SIZE = 50;
    public static final int DEFAULT_BOOK_SNAPSHOT_DEPTH = 400;
    public static final long DEFAULT_MAX_QUEUED_BYTES = 4L * 1024 * 1024;
    /** Share of {@link Runtime#maxMemory()} that is the default {@code maxTotalQueuedBytes}. */
    public static final double DEFAULT_MAX_TOTAL_QUEUED_HEAP_FRACTION = 0.25;
    public static final long DEFAULT_MAX_QUEUE_DELAY_MILLIS = 30_000;
    /**
     * Hub shards and I/O threads when not set: half the cores, at least 1, so that the busy threads of both kinds
     * together match the cores. Measured on 2 shared cores (docs/benchmarks.md, session 10): 1 + 1 against Netty's
     * 2 x cores I/O threads and 2 shards cut p99 at 200,000 deliveries/s from 0.3-0.7 s to 22-49 ms and CPU per
     * delivery by 15-20 %.
     */
    public static int defaultThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    /** A configured count of hub shards or I/O threads: itself, or {@link #defaultThreads()} for 0. */
    public static int threadsOr(int configured) {
        return configured > 0 ? configured : defaultThreads();
    }
    public static final int DEFAULT_HUB_QUEUE_CAPACITY = 65_536;
    public static final int DEFAULT_EVENT_HISTORY_SIZE = 10_000;
    public static final long DEFAULT_EVENT_HISTORY_MAX_AGE_MILLIS = 300_000;
    public static final int DEFAULT_STATE_HISTORY_SIZE = 1_000;
    public static final long DEFAULT_STATE_HISTORY_MAX_AGE_MILLIS = 60_000;
    public static final int DEFAULT_WRITE_BUFFER_LOW = 256 * 1024;
    public static final int DEFAULT_WRITE_BUFFER_HIGH = 1024 * 1024;
    public static final int DEFAULT_MAX_BATCH_MESSAGES = 256;
    public static final int DEFAULT_MAX_BATCH_BYTES = 64 * 1024;
    /** Largest {@code writeDelayMillis}: a delay is a batching window, far below {@code maxQueueDelayMillis}. */
    public static final int MAX_WRITE_DELAY_MILLIS = 1_000;

    private final String host;
    private final int port;
    private final int maxFrameBytes;
    private final long heartbeatIntervalMillis;
    private final long pongTimeoutMillis;
    private final int maxSubscriptionsPerConnection;
    private final int inboundRatePerSecond;
    private final int inboundBurst;
    private final int tradeSnapshotSize;
    private final int bookSnapshotDepth;
    private final AuthConfig auth;
    private final long maxQueuedBytesPerConnection;
    private final long maxTotalQueuedBytes;
    private final long maxQueueDelayMillis;
    private final int hubShards;
    private final Set<Topic> declaredTopics;
    private final int hubQueueCapacity;
    private final TopicHub.Intake hubIntake;
    private final long hubLingerMillis;
    private final int ioThreads;
    private final int eventHistorySize;
    private final long eventHistoryMaxAgeMillis;
    private final int stateHistorySize;
    private final long stateHistoryMaxAgeMillis;
    private final int writeBufferLowWaterMark;
    private final int writeBufferHighWaterMark;
    private final int maxBatchMessages;
    private final int maxBatchBytes;
    private final boolean compression;
    private final Transport transport;
    private final int socketSendBufferBytes;
    private final int writeDelayMillis;
    private final AdmissionConfig admission;
    private final TlsConfig tls;
    private final List<String> allowedOrigins;
    private final OpsConfig ops;
    private final ApiConfig api;

    private GatewayConfig(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.maxFrameBytes = b.maxFrameBytes;
        this.heartbeatIntervalMillis = b.heartbeatIntervalMillis;
        this.pongTimeoutMillis = b.pongTimeoutMillis;
        this.maxSubscriptionsPerConnection = b.maxSubscriptionsPerConnection;
        this.inboundRatePerSecond = b.inboundRatePerSecond;
        this.inboundBurst = b.inboundBurst;
        this.tradeSnapshotSize = b.tradeSnapshotSize;
        this.bookSnapshotDepth = b.bookSnapshotDepth;
        this.auth = b.auth;
        this.maxQueuedBytesPerConnection = b.maxQueuedBytesPerConnection;
        this.maxTotalQueuedBytes = b.maxTotalQueuedBytes;
        this.maxQueueDelayMillis = b.maxQueueDelayMillis;
        this.hubShards = b.hubShards;
        this.declaredTopics = Set.copyOf(b.declaredTopics);
        this.hubQueueCapacity = b.hubQueueCapacity;
        this.hubIntake = b.hubIntake;
        this.hubLingerMillis = b.hubLingerMillis;
        this.ioThreads = b.ioThreads;
        this.eventHistorySize = b.eventHistorySize;
        this.eventHistoryMaxAgeMillis = b.eventHistoryMaxAgeMillis;
        this.stateHistorySize = b.stateHistorySize;
        this.stateHistoryMaxAgeMillis = b.stateHistoryMaxAgeMillis;
        this.writeBufferLowWaterMark = b.writeBufferLowWaterMark;
        this.writeBufferHighWaterMark = b.writeBufferHighWaterMark;
        this.maxBatchMessages = b.maxBatchMessages;
        this.maxBatchBytes = b.maxBatchBytes;
        this.compression = b.compression;
        this.transport = b.transport;
        this.socketSendBufferBytes = b.socketSendBufferBytes;
        this.writeDelayMillis = b.writeDelayMillis;
        this.admission = b.admission;
        this.tls = b.tls;
        this.allowedOrigins = b.allowedOrigins;
        this.ops = b.ops;
        this.api = b.api;
    }

    /** A builder holding every default. */
    public static Builder builder() {
        return new Builder();
    }

    /** A configuration with every default. */
    public static GatewayConfig defaults() {
        return builder().build();
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    public long heartbeatIntervalMillis() {
        return heartbeatIntervalMillis;
    }

    public long pongTimeoutMillis() {
        return pongTimeoutMillis;
    }

    public int maxSubscriptionsPerConnection() {
        return maxSubscriptionsPerConnection;
    }

    public int inboundRatePerSecond() {
        return inboundRatePerSecond;
    }

    public int inboundBurst() {
        return inboundBurst;
    }

    public int tradeSnapshotSize() {
        return tradeSnapshotSize;
    }

    public int bookSnapshotDepth() {
        return bookSnapshotDepth;
    }

    /** Authentication (JWT) and the topic ACL. */
    public AuthConfig auth() {
        return auth;
    }

    public long maxQueuedBytesPerConnection() {
        return maxQueuedBytesPerConnection;
    }

    /** Cap on outbound bytes queued over all connections. */
    public long maxTotalQueuedBytes() {
        return maxTotalQueuedBytes;
    }

    /** Longest a queued message may wait before its connection is closed with 4008; 0 = no limit. */
    public long maxQueueDelayMillis() {
        return maxQueueDelayMillis;
    }

    public int hubShards() {
        return hubShards;
    }

    /** Topics that exist from start-up (see {@link Builder#declaredTopics}). */
    public Set<Topic> declaredTopics() {
        return declaredTopics;
    }

    public int hubQueueCapacity() {
        return hubQueueCapacity;
    }

    public TopicHub.Intake hubIntake() {
        return hubIntake;
    }

    public long hubLingerMillis() {
        return hubLingerMillis;
    }

    /** Netty worker threads: as configured, or {@link #defaultThreads()}. */
    public int ioThreads() {
        return threadsOr(ioThreads);
    }

    /** Messages of history kept per event topic (trade). */
    public int eventHistorySize() {
        return eventHistorySize;
    }

    public long eventHistoryMaxAgeMillis() {
        return eventHistoryMaxAgeMillis;
    }

    /** Messages of history kept per state topic (book, ticker, book.top, kline). */
    public int stateHistorySize() {
        return stateHistorySize;
    }

    public long stateHistoryMaxAgeMillis() {
        return stateHistoryMaxAgeMillis;
    }

    public int writeBufferLowWaterMark() {
        return writeBufferLowWaterMark;
    }

    public int writeBufferHighWaterMark() {
        return writeBufferHighWaterMark;
    }

    public int maxBatchMessages() {
        return maxBatchMessages;
    }

    public int maxBatchBytes() {
        return maxBatchBytes;
    }

    /** True when permessage-deflate is negotiated with clients that offer it. */
    public boolean compression() {
        return compression;
    }

    /** The socket transport asked for (the one used is {@link Transport#orFallback()} of it). */
    public Transport transport() {
        return transport;
    }

    /** SO_SNDBUF of client sockets; 0 = the OS default. */
    public int socketSendBufferBytes() {
        return socketSendBufferBytes;
    }

    /** How long hub messages may wait to be written with later ones (per connection); 0 = written at once. */
    public int writeDelayMillis() {
        return writeDelayMillis;
    }

    /** Connection admission: handshake timeout, connection limits, trusted proxies. */
    public AdmissionConfig admission() {
        return admission;
    }

    /** TLS ({@link TlsConfig#OFF} by default). */
    public TlsConfig tls() {
        return tls;
    }

    /** Browser origins allowed besides the same origin; {@code *} = all. */
    public List<String> allowedOrigins() {
        return allowedOrigins;
    }

    /** Where the operations endpoints are served and who may read them. */
    public OpsConfig ops() {
        return ops;
    }

    /** The server API's keys and publish limit. */
    public ApiConfig api() {
        return api;
    }

    /** Validating builder; see the class comment for defaults. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private int maxFrameBytes = DEFAULT_MAX_FRAME_BYTES;
        private long heartbeatIntervalMillis = DEFAULT_HEARTBEAT_INTERVAL_MILLIS;
        private long pongTimeoutMillis = DEFAULT_PONG_TIMEOUT_MILLIS;
        private int maxSubscriptionsPerConnection = DEFAULT_MAX_SUBSCRIPTIONS;
        private int inboundRatePerSecond = DEFAULT_RATE_PER_SECOND;
        private int inboundBurst = DEFAULT_RATE_BURST;
        private int tradeSnapshotSize = DEFAULT_TRADE_SNAPSHOT_SIZE;
        private int bookSnapshotDepth = DEFAULT_BOOK_SNAPSHOT_DEPTH;
        private AuthConfig auth = AuthConfig.builder().build();
        private long maxQueuedBytesPerConnection = DEFAULT_MAX_QUEUED_BYTES;
        private long maxTotalQueuedBytes =
                (long) (Runtime.getRuntime().maxMemory() * DEFAULT_MAX_TOTAL_QUEUED_HEAP_FRACTION);
        private long maxQueueDelayMillis = DEFAULT_MAX_QUEUE_DELAY_MILLIS;
        private int hubShards = defaultThreads();
        private Set<Topic> declaredTopics = Set.of();
        private int hubQueueCapacity = DEFAULT_HUB_QUEUE_CAPACITY;
        private TopicHub.Intake hubIntake = TopicHub.Intake.AUTO;
        private long hubLingerMillis = TopicHub.Settings.DEFAULT_LINGER_MILLIS;
        private int ioThreads;
        private int eventHistorySize = DEFAULT_EVENT_HISTORY_SIZE;
        private long eventHistoryMaxAgeMillis = DEFAULT_EVENT_HISTORY_MAX_AGE_MILLIS;
        private int stateHistorySize = DEFAULT_STATE_HISTORY_SIZE;
        private long stateHistoryMaxAgeMillis = DEFAULT_STATE_HISTORY_MAX_AGE_MILLIS;
        private int writeBufferLowWaterMark = DEFAULT_WRITE_BUFFER_LOW;
        private int writeBufferHighWaterMark = DEFAULT_WRITE_BUFFER_HIGH;
        private int maxBatchMessages = DEFAULT_MAX_BATCH_MESSAGES;
        private int maxBatchBytes = DEFAULT_MAX_BATCH_BYTES;
        private boolean compression = true;
        private Transport transport = Transport.EPOLL;
        private int socketSendBufferBytes;
        private int writeDelayMillis;
        private AdmissionConfig admission = AdmissionConfig.defaults();
        private TlsConfig tls = TlsConfig.OFF;
        private List<String> allowedOrigins = List.of();
        private OpsConfig ops = OpsConfig.DEFAULT;
        private ApiConfig api = ApiConfig.DEFAULT;

        private Builder() {
        }

        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The port to bind; 0 picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder maxFrameBytes(int maxFrameBytes) {
            this.maxFrameBytes = maxFrameBytes;
            return this;
        }

        public Builder heartbeatIntervalMillis(long millis) {
            this.heartbeatIntervalMillis = millis;
            return this;
        }

        public Builder pongTimeoutMillis(long millis) {
            this.pongTimeoutMillis = millis;
            return this;
        }

        public Builder maxSubscriptionsPerConnection(int max) {
            this.maxSubscriptionsPerConnection = max;
            return this;
        }

        /** Inbound client messages per second and the burst allowed above it. */
        public Builder inboundRateLimit(int messagesPerSecond, int burst) {
            this.inboundRatePerSecond = messagesPerSecond;
            this.inboundBurst = burst;
            return this;
        }

        public Builder tradeSnapshotSize(int size) {
            this.tradeSnapshotSize = size;
            return this;
        }

        public Builder bookSnapshotDepth(int depth) {
            this.bookSnapshotDepth = depth;
            return this;
        }

        /** Authentication and topic ACL (default: off, anonymous clients may subscribe to every topic). */
        public Builder auth(AuthConfig auth) {
            this.auth = Objects.requireNonNull(auth, "auth");
            return this;
        }

        public Builder maxQueuedBytesPerConnection(long bytes) {
            this.maxQueuedBytesPerConnection = bytes;
            return this;
        }

        /** Cap on outbound bytes queued over all connections (default: 25 % of the max heap). */
        public Builder maxTotalQueuedBytes(long bytes) {
            this.maxTotalQueuedBytes = bytes;
            return this;
        }

        /** A connection whose oldest queued message waited longer is closed with 4008; 0 = no limit. */
        public Builder maxQueueDelayMillis(long millis) {
            this.maxQueueDelayMillis = millis;
            return this;
        }

        /** Topics the configuration says will be published; they can be subscribed before their first message. */
        public Builder declaredTopics(Collection<Topic> topics) {
            this.declaredTopics = Set.copyOf(Objects.requireNonNull(topics, "topics"));
            return this;
        }

        /** How the hub takes envelopes from the broker (default AUTO: by the broker's kind). */
        public Builder hubIntake(TopicHub.Intake intake) {
            this.hubIntake = Objects.requireNonNull(intake, "intake");
            return this;
        }

        /** Per-topic intake: how long a topic no local client wants stays subscribed in the broker. */
        public Builder hubLingerMillis(long millis) {
            this.hubLingerMillis = millis;
            return this;
        }

        /** Hub shards; 0 = {@link #defaultThreads()}. */
        public Builder hubShards(int shards) {
            this.hubShards = shards == 0 ? defaultThreads() : shards; // negative: refused by build()
            return this;
        }

        public Builder hubQueueCapacity(int capacity) {
            this.hubQueueCapacity = capacity;
            return this;
        }

        /** Netty worker threads; 0 = {@link #defaultThreads()}. */
        public Builder ioThreads(int threads) {
            this.ioThreads = threads;
            return this;
        }

        /** History per event topic (trade): at most {@code messages}, none older than {@code maxAgeMillis}. */
        public Builder eventHistory(int messages, long maxAgeMillis) {
            this.eventHistorySize = messages;
            this.eventHistoryMaxAgeMillis = maxAgeMillis;
            return this;
        }

        /** History per state topic (book, ticker, book.top, kline). */
        public Builder stateHistory(int messages, long maxAgeMillis) {
            this.stateHistorySize = messages;
            this.stateHistoryMaxAgeMillis = maxAgeMillis;
            return this;
        }

        /** Netty write-buffer water marks of each client socket, in bytes. */
        public Builder writeBufferWaterMarks(int low, int high) {
            this.writeBufferLowWaterMark = low;
            this.writeBufferHighWaterMark = high;
            return this;
        }

        /** Largest batch a {@code ?batch=1} client gets in one frame. */
        public Builder maxBatch(int messages, int bytes) {
            this.maxBatchMessages = messages;
            this.maxBatchBytes = bytes;
            return this;
        }

        /** The socket transport (default epoll); a native one unavailable here falls back to the next. */
        public Builder transport(Transport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /** Negotiate permessage-deflate with clients that offer it (default true). */
        public Builder compression(boolean on) {
            this.compression = on;
            return this;
        }

        /**
         * Holds hub messages back up to {@code millis} per connection, so each connection is written at most once
         * per delay (fewer, fuller writes for up to that much latency); 0 (the default) writes at once.
         */
        public Builder writeDelayMillis(int millis) {
            this.writeDelayMillis = millis;
            return this;
        }

        /** SO_SNDBUF of client sockets in bytes; 0 = the OS default. */
        public Builder socketSendBufferBytes(int bytes) {
            this.socketSendBufferBytes = bytes;
            return this;
        }

        /** Connection admission settings (default {@link AdmissionConfig#defaults()}). */
        public Builder admission(AdmissionConfig admission) {
            this.admission = Objects.requireNonNull(admission, "admission");
            return this;
        }

        /** TLS certificate and key (default {@link TlsConfig#OFF}). */
        public Builder tls(TlsConfig tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        /** Browser origins allowed besides the same origin ({@code https://app.example.com}, or {@code *}). */
        public Builder allowedOrigins(List<String> origins) {
            this.allowedOrigins = List.copyOf(Objects.requireNonNull(origins, "origins"));
            return this;
        }

        /** API keys and the publish size limit (default {@link ApiConfig#DEFAULT}: no keys). */
        public Builder api(ApiConfig api) {
            this.api = Objects.requireNonNull(api, "api");
            return this;
        }

        /** Operations endpoints: separate port and/or admin token (default {@link OpsConfig#DEFAULT}). */
        public Builder ops(OpsConfig ops) {
            this.ops = Objects.requireNonNull(ops, "ops");
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException naming the first invalid setting
         */
        public GatewayConfig build() {
            require(port >= 0 && port <= 65_535, "port must be 0..65535");
            require(maxFrameBytes >= 256, "maxFrameBytes must be >= 256");
            require(heartbeatIntervalMillis > 0, "heartbeatIntervalMillis must be > 0");
            require(pongTimeoutMillis >= heartbeatIntervalMillis, "pongTimeoutMillis must be >= heartbeatIntervalMillis");
            require(maxSubscriptionsPerConnection > 0, "maxSubscriptionsPerConnection must be > 0");
            require(inboundRatePerSecond > 0, "inbound rate must be > 0");
            require(inboundBurst > 0, "inbound burst must be > 0");
            require(tradeSnapshotSize >= 0, "tradeSnapshotSize must be >= 0");
            require(bookSnapshotDepth > 0, "bookSnapshotDepth must be > 0");
            require(maxQueuedBytesPerConnection >= 1024, "maxQueuedBytesPerConnection must be >= 1024");
            require(maxTotalQueuedBytes >= 65_536, "maxTotalQueuedBytes must be >= 65536");
            require(maxQueueDelayMillis >= 0, "maxQueueDelayMillis must be >= 0");
            require(hubShards > 0, "hubShards must be > 0");
            require(hubQueueCapacity >= 16, "hubQueueCapacity must be >= 16");
            require(hubLingerMillis >= 0, "hubLingerMillis must be >= 0");
            require(ioThreads >= 0, "ioThreads must be >= 0");
            require(eventHistorySize >= 0, "eventHistorySize must be >= 0");
            require(eventHistoryMaxAgeMillis > 0, "eventHistoryMaxAgeMillis must be > 0");
            require(stateHistorySize >= 0, "stateHistorySize must be >= 0");
            require(stateHistoryMaxAgeMillis > 0, "stateHistoryMaxAgeMillis must be > 0");
            require(writeBufferLowWaterMark > 0, "writeBufferLowWaterMark must be > 0");
            require(writeBufferHighWaterMark >= writeBufferLowWaterMark,
                    "writeBufferHighWaterMark must be >= writeBufferLowWaterMark");
            require(socketSendBufferBytes >= 0, "socketSendBufferBytes must be >= 0");
            require(writeDelayMillis >= 0 && writeDelayMillis <= MAX_WRITE_DELAY_MILLIS,
                    "writeDelayMillis must be between 0 and " + MAX_WRITE_DELAY_MILLIS);
            require(maxBatchMessages >= 1, "maxBatchMessages must be >= 1");
            require(maxBatchBytes >= 1024, "maxBatchBytes must be >= 1024");
            require(!ops.separatePort() || ops.port() != port || port == 0, "ops port must differ from port");
            for (String o : allowedOrigins) {
                require("*".equals(o.trim()) || o.trim().matches("(?i)(https?://[^/\\s]+|null)"),
                        "allowedOrigins entries are scheme://host[:port], null or *: " + o);
            }
            return new GatewayConfig(this);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
