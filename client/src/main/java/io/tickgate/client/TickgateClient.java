package io.tickgate.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketClientCompressionHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tickgate WebSocket client: one connection kept open until {@link #close()}, topic subscriptions restored after
 * every reconnect.
 *
 * <pre>{@code
 * try (TickgateClient client = new TickgateClient(ClientConfig.builder("ws://localhost:8080/ws").build(),
 *         new ClientListener() {
 *             public void onGap(Gap gap) { log.warn("lost messages: {}", gap); }
 *         })) {
 *     client.subscribe("binance.BTCUSDT.trade", m -> System.out.println(m.seq() + " " + m.data()));
 *     client.connect();
 *     ...
 * }
 * }</pre>
 *
 * <p><b>Delivery.</b> Per topic, listeners get a {@code snapshot} then {@code data} in seq order, each seq once.
 * After a reconnect every topic is resubscribed with {@code resume: {epoch, seq}} of the last message queued for its
 * listener; the server replays what was missed. When it cannot (history too short, or a new epoch after a server
 * restart) {@link ClientListener#onGap} is called, then a fresh snapshot follows. Duplicates (seq not newer) are
 * dropped. Trades the venue sent that the server could not recover reach {@link ClientListener#onUpstreamGap} at their
 * place in the topic's seq order (a {@code gap} message).
 *
 * <p><b>Threads.</b> Socket work runs on one Netty event loop; listeners run on one dispatcher thread fed by a bounded
 * queue ({@link ClientConfig#queueCapacity()}), so a slow listener never stalls the socket.
 *
 * <p><b>Overflow policy.</b> When the queue is full the client drops the <em>connection</em>, not messages: the
 * message that did not fit and everything after it on that connection are discarded, the socket is closed, and
 * after the reconnect backoff (and once the queue is at most half full) the client reconnects and resumes every
 * topic from the last message it queued. Nothing is lost while the server's history covers the pause; otherwise
 * {@link ClientListener#onGap} reports it. Overflows are counted in {@link #stats()}. State callbacks
 * ({@link ClientListener#onState}) that find the queue full are dropped.
 *
 * <p><b>Reconnect.</b> Exponential backoff with full jitter ({@link ClientConfig#reconnectDelay()}), unlimited
 * attempts; the attempt count resets after a connection stayed open {@link ClientConfig#stableMillis()}. An
 * app-level heartbeat is sent after {@link ClientConfig#heartbeatMillis()} of outbound silence; a connection silent
 * for {@link ClientConfig#idleTimeoutMillis()} is replaced. Server pings are answered. Subscribes are paced under
 * the connection's inbound rate limit, which the server's {@code welcome} states ({@link SubscribePacer}), so a client
 * with hundreds of topics resubscribes them all without being refused or closed; one refused all the same
 * ({@code RATE_LIMITED}, or {@code UNKNOWN_TOPIC} while its producer is not up) is sent again after about
 * {@link ClientConfig#subscribeRetryMillis()}.
 */
public final class TickgateClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TickgateClient.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    /** A topic's position: the epoch and seq of the last message queued for its listener. */
    public record Position(String epoch, long seq) {
    }

    /**
     * Counters since the client was created.
     *
     * @param reconnects  connections lost (each followed by a reconnect unless closed)
     * @param duplicates  data messages dropped because their seq was not newer
     * @param gaps        {@link ClientListener#onGap} reports
     * @param overflows   connections dropped because the listener queue was full
     * @param messages    snapshot and data messages queued for listeners
     */
    public record Stats(long reconnects, long duplicates, long gaps, long overflows, long messages) {
    }

    private final ClientConfig config;
    private final ClientListener listener;
    private final EventLoopGroup group;
    private final boolean ownGroup;
    private final EventLoop loop;
    private final ListenerQueue queue;
    private final List<URI> handshakeUris;
    private final Map<String, TopicSubscription> subscriptions = new ConcurrentHashMap<>();
    private final SubscribeRequests requests;
    private final TopicDelivery delivery;
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong overflows = new AtomicLong();
    private volatile boolean closed;
    private volatile boolean started;
    private volatile String connectionId;
    private volatile String token;
    // event loop only
    private Channel channel;
    private boolean established;
    private int attempt;
    private int endpoint; // index into config.uris(): the node of the current or next connection
    private long connectedAtNanos;
    private ScheduledFuture<?> retry;
    private long nextId;
    private final PendingPublishes publishes;

    /** A client that does nothing until {@link #connect()}; {@code listener} may be null. */
    public TickgateClient(ClientConfig config, ClientListener listener) {
        this.config = config;
        this.listener = listener != null ? listener : new ClientListener() { };
        int n = INSTANCES.incrementAndGet();
        this.ownGroup = config.eventLoopGroup() == null;
        this.group = ownGroup ? new MultiThreadIoEventLoopGroup(1,
                new DefaultThreadFactory("tickgate-client-" + n, true), NioIoHandler.newFactory())
                : config.eventLoopGroup();
        this.loop = group.next();
        this.requests = new SubscribeRequests(loop, config.subscribeRetryMillis(),
                s -> subscriptions.get(s.topic) == s);
        this.queue = new ListenerQueue(config.queueCapacity(), "tickgate-client-dispatch-" + n);
        this.delivery = new TopicDelivery(subscriptions, queue, this.listener);
        this.handshakeUris = config.uris().stream().map(u -> withBatch(u, config.batch())).toList();
        this.token = config.token();
        this.publishes = new PendingPublishes(callback -> {
            if (!queue.offer(callback)) {
                callback.run(); // listener queue full: complete here rather than never
            }
        });
    }

    private static HttpHeaders authorization(String jwt) {
        HttpHeaders h = new DefaultHttpHeaders();
        if (jwt != null) {
            h.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + jwt);
        }
        return h;
    }

    private static URI withBatch(URI uri, boolean batch) {
        if (!batch) {
            return uri;
        }
        String s = uri.toString();
        return URI.create(s + (uri.getRawQuery() == null ? "?" : "&") + "batch=1");
    }

    /** Opens the connection (idempotent); it is kept open, reconnecting as needed, until {@link #close()}. */
    public TickgateClient connect() {
        if (closed) {
            throw new IllegalStateException("client is closed");
        }
        if (!started) {
            started = true;
            loop.execute(this::open);
        }
        return this;
    }

    /**
     * Subscribes {@code topicListener} to an exact topic ({@code <source>.<SYMBOL>.<channel>}; patterns are not
     * supported by this client, since resume is per topic). Sent now when connected, and after every reconnect.
     *
     * @throws IllegalArgumentException for a pattern or an empty topic
     * @throws IllegalStateException    when the topic is already subscribed
     */
    public Subscription subscribe(String topic, TopicListener topicListener) {
        if (topic == null || topic.isEmpty() || topic.contains("*")) {
            throw new IllegalArgumentException("an exact topic is required: " + topic);
        }
        TopicSubscription sub = new TopicSubscription(topic, java.util.Objects.requireNonNull(topicListener),
                this::unsubscribe);
        if (subscriptions.putIfAbsent(topic, sub) != null) {
            throw new IllegalStateException("already subscribed: " + topic);
        }
        loop.execute(() -> {
            if (established && channel != null && subscriptions.get(topic) == sub) {
                requests.add(sub);
            }
        });
        return sub;
    }

    /**
     * Replaces the token before it expires: sends {@code {"type":"refresh","token":..}} on the current connection
     * (the server answers {@code refreshed}, or an {@code UNAUTHORIZED} error to {@link ClientListener#onServerError})
     * and uses the new token in every later handshake.
     */
    public void refresh(String jwt) {
        this.token = java.util.Objects.requireNonNull(jwt, "jwt");
        loop.execute(() -> {
            if (established && channel != null) {
                ObjectNode m = MAPPER.createObjectNode().put("type", "refresh").put("id", "r" + nextId++)
                        .put("token", jwt);
                channel.writeAndFlush(new TextWebSocketFrame(m.toString()));
            }
        });
    }

    /**
     * Publishes {@code data}, a JSON object, on a custom topic ({@code custom.<group>.<name>}) or an inbox
     * ({@code user.<id>.inbox}) with docs/protocol.md's {@code publish} message. The connection's publish grants
     * decide (token claim, roles or the anonymous grant).
     *
     * @param data a Jackson {@code ObjectNode}, a {@code Map} or any object Jackson writes as a JSON object
     * @return completes when the server answers {@code published}; fails with a {@link PublishException}: the
     *         server's error code, {@code NOT_CONNECTED} when no connection is open (nothing sent), or
     *         {@code CONNECTION_LOST} when the connection dropped before the answer (not resent: it may have been
     *         taken, and a publish is not idempotent)
     * @throws IllegalArgumentException when {@code data} is not a JSON object or {@code topic} is empty
     */
    public CompletableFuture<Void> publish(String topic, Object data) {
        if (topic == null || topic.isEmpty()) {
            throw new IllegalArgumentException("a topic is required");
        }
        JsonNode json = data instanceof JsonNode n ? n : MAPPER.valueToTree(data);
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("data must be a JSON object: " + json);
        }
        CompletableFuture<Void> answer = new CompletableFuture<>();
        loop.execute(() -> {
            if (!established || channel == null) {
                answer.completeExceptionally(new PublishException("NOT_CONNECTED", "no open connection"));
                return;
            }
            String id = "p" + nextId++;
            publishes.add(id, answer);
            ObjectNode m = MAPPER.createObjectNode().put("type", "publish").put("id", id).put("topic", topic);
            m.set("data", json);
            channel.writeAndFlush(new TextWebSocketFrame(m.toString()));
        });
        return answer;
    }

    /** Removes the topic's subscription (no-op when not subscribed). */
    public void unsubscribe(String topic) {
        if (subscriptions.remove(topic) == null) {
            return;
        }
        loop.execute(() -> {
            if (established && channel != null) {
                ObjectNode m = MAPPER.createObjectNode().put("type", "unsubscribe").put("id", "u" + nextId++)
                        .put("topic", topic);
                channel.writeAndFlush(new TextWebSocketFrame(m.toString()));
            }
        });
    }

    /** The position of a subscribed topic, empty before its first message (or after a reset, until the snapshot). */
    public Optional<Position> position(String topic) {
        TopicSubscription s = subscriptions.get(topic);
        if (s == null || s.epoch == null) {
            return Optional.empty();
        }
        return Optional.of(new Position(s.epoch, s.seq));
    }

    /** The server's id for the current connection (from {@code welcome}); null when not connected. */
    public String connectionId() {
        return connectionId;
    }

    public Stats stats() {
        return new Stats(reconnects.get(), delivery.duplicates.get(), delivery.gaps.get(), overflows.get(),
                delivery.messages.get());
    }

    /**
     * Drops the current connection at once (no close handshake) and reconnects after the backoff delay, resuming
     * every topic: what a network failure does. For failover and tests.
     */
    public void reconnect() {
        loop.execute(() -> lose(channel, "reconnect requested"));
    }

    /** Closes the connection (1000) and stops for good; queued callbacks still run (at most about 1 s). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Runnable stop = () -> {
            if (retry != null) {
                retry.cancel(false);
            }
            Channel ch = channel;
            channel = null;
            established = false;
            requests.lost();
            publishes.failAll("client closed");
            if (ch != null && ch.isActive()) {
                ch.writeAndFlush(new CloseWebSocketFrame(1000, "client closed")).addListener(f -> ch.close());
            }
            connectionId = null;
            emitState(ClientListener.State.CLOSED, "");
        };
        if (loop.inEventLoop()) {
            stop.run();
        } else {
            try {
                loop.submit(stop).awaitUninterruptibly(2, TimeUnit.SECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                log.debug("event loop already stopped");
            }
        }
        queue.close(1_000);
        if (ownGroup) {
            group.shutdownGracefully(0, 200, TimeUnit.MILLISECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
    }

    // ---- event loop ----

    private void open() {
        retry = null;
        if (closed) {
            return;
        }
        if (queue.size() > config.queueCapacity() / 2) {
            // the listener is still behind after an overflow: let it catch up before more arrives
            retry = loop.schedule(this::open, 20, TimeUnit.MILLISECONDS);
            return;
        }
        emitState(ClientListener.State.CONNECTING, "");
        URI uri = config.uris().get(endpoint);
        URI handshakeUri = handshakeUris.get(endpoint);
        int port = config.port(uri);
        ChannelFuture f = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        initPipeline(ch, handshakeUri, port);
                    }
                })
                .connect(uri.getHost(), port);
        channel = f.channel();
        established = false;
        f.addListener(done -> {
            if (!done.isSuccess()) {
                lose(f.channel(), "connect failed: " + done.cause().getMessage());
            }
        });
    }

    private void initPipeline(SocketChannel ch, URI handshakeUri, int port) {
        ChannelPipeline p = ch.pipeline();
        if (config.sslContext() != null) {
            // SNI and host name verification
            p.addLast(config.sslContext().newHandler(ch.alloc(), handshakeUri.getHost(), port));
        }
        p.addLast(new HttpClientCodec());
        p.addLast(new HttpObjectAggregator(65_536));
        if (config.compression()) {
            // Netty 4.2's inflater asks for 512 bytes (or twice the compressed input left) of room before each
            // step and fails when its cap leaves less: the cap leaves that room above the limit (as the gateway's)
            p.addLast(new WebSocketClientCompressionHandler(
                    (int) Math.min(Integer.MAX_VALUE - 8, 3L * config.maxFrameBytes() + 512)));
        }
        p.addLast(new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(handshakeUri)
                .version(WebSocketVersion.V13)
                .allowExtensions(config.compression())
                .maxFramePayloadLength(config.maxFrameBytes())
                .handleCloseFrames(false)
                .dropPongFrames(true)
                .handshakeTimeoutMillis(10_000)
                .customHeaders(authorization(token))
                .build()));
        p.addLast(new WebSocketFrameAggregator(config.maxFrameBytes()));
        p.addLast(new IdleStateHandler(config.idleTimeoutMillis(), config.heartbeatMillis(), 0,
                TimeUnit.MILLISECONDS));
        p.addLast(new ClientSessionHandler(this));
    }

    /**
     * The handshake completed: every topic waits to be resubscribed (resuming where a position is known), paced from
     * the server's {@code welcome} on.
     */
    void onOpen(Channel ch) {
        if (ch != channel || closed) {
            return;
        }
        established = true;
        connectedAtNanos = System.nanoTime();
        emitState(ClientListener.State.CONNECTED, "");
        requests.opened(ch, subscriptions.values());
    }

    void sendHeartbeat(Channel ch) {
        if (ch == channel && established) {
            ch.writeAndFlush(new TextWebSocketFrame("{\"type\":\"heartbeat\"}"));
        }
    }

    /**
     * The connection {@code ch} is gone or must go: cut it (no close handshake) and schedule a reconnect. Only
     * the current connection counts; later calls for it are ignored.
     */
    void lose(Channel ch, String detail) {
        if (ch == null || ch != channel) {
            return;
        }
        channel = null;
        established = false;
        connectionId = null;
        requests.lost();
        publishes.failAll(detail);
        io.netty.channel.ChannelHandlerContext first = ch.pipeline().firstContext();
        if (first != null) {
            first.close(); // from the first handler: a cut, without the WebSocket close handshake
        } else {
            ch.close();
        }
        if (closed) {
            return;
        }
        reconnects.incrementAndGet();
        endpoint = (endpoint + 1) % handshakeUris.size(); // the next node of the cluster, if there are several
        if (connectedAtNanos != 0
                && System.nanoTime() - connectedAtNanos >= TimeUnit.MILLISECONDS.toNanos(config.stableMillis())) {
            attempt = 0;
        }
        connectedAtNanos = 0;
        long delay = Math.max(0, config.reconnectDelay().delayMillis(attempt));
        emitState(ClientListener.State.DISCONNECTED, detail + "; reconnecting in " + delay + " ms");
        attempt++;
        retry = loop.schedule(this::open, delay, TimeUnit.MILLISECONDS);
    }

    void onText(Channel ch, String text) {
        if (ch != channel) {
            return;
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (IOException e) {
            log.warn("tickgate client: server sent invalid JSON: {}", e.getMessage());
            return;
        }
        if (root.isArray()) {
            for (JsonNode m : root) {
                if (ch != channel) {
                    return; // dropped by an overflow in this batch
                }
                onMessage(ch, m);
            }
        } else {
            onMessage(ch, root);
        }
    }

    private void onMessage(Channel ch, JsonNode m) {
        switch (m.path("type").asText()) {
            case "welcome":
                connectionId = m.path("connectionId").asText(null);
                requests.welcome(m);
                break;
            case "subscribed":
                requests.subscribed(m);
                if (!delivery.subscribed(m)) {
                    overflow(ch);
                }
                break;
            case "snapshot":
            case "data":
            case "gap":
                if (!delivery.message(m)) {
                    overflow(ch);
                }
                break;
            case "published":
                publishes.answer(m);
                break;
            case "error":
                if (publishes.answer(m)) {
                    break; // a publish's refusal: its future says it
                }
                requests.refused(m);
                if (!queue.offer(() -> listener.onServerError(m))) {
                    log.warn("tickgate client: listener queue full, server error dropped: {}", m);
                }
                break;
            default:
                break; // heartbeat answers, unsubscribed, future types
        }
    }

    /** The listener queue is full: drop the connection and resume later (see the class comment). */
    private void overflow(Channel ch) {
        overflows.incrementAndGet();
        log.warn("tickgate client: listener queue full ({} messages); dropping the connection to resume later",
                config.queueCapacity());
        lose(ch, "listener queue full");
    }

    private void emitState(ClientListener.State state, String detail) {
        int a = attempt;
        queue.offer(() -> listener.onState(state, a, detail));
    }
}
