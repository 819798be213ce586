package io.tickgate.gateway;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.tickgate.bus.api.Broker;
import io.tickgate.bus.presence.NodeInfo;
import io.tickgate.gateway.admission.Admission;
import io.tickgate.gateway.admission.AdmissionHandler;
import io.tickgate.gateway.admission.AdmissionHttpHandler;
import io.tickgate.gateway.auth.Authenticator;
import io.tickgate.gateway.bootstrap.EdgeHandlers;
import io.tickgate.gateway.bootstrap.GatewayInitializer;
import io.tickgate.gateway.bootstrap.Transport;
import io.tickgate.gateway.cluster.ClusterApi;
import io.tickgate.gateway.cluster.ClusterNode;
import io.tickgate.gateway.codec.ServerMessageEncoder;
import io.tickgate.gateway.health.Readiness;
import io.tickgate.gateway.http.ApiHandler;
import io.tickgate.gateway.http.HttpRequestHandler;
import io.tickgate.gateway.http.HttpRoutes;
import io.tickgate.gateway.http.StaticResources;
import io.tickgate.gateway.hub.TopicHub;
import io.tickgate.gateway.hub.TopicInfo;
import io.tickgate.gateway.metrics.EdgeMetrics;
import io.tickgate.gateway.metrics.GatewayMetrics;
import io.tickgate.gateway.ops.OpsAccessHandler;
import io.tickgate.gateway.ops.OpsListener;
import io.tickgate.gateway.origin.OriginHandler;
import io.tickgate.gateway.origin.OriginPolicy;
import io.tickgate.gateway.outbound.ConnectionOutbound;
import io.tickgate.gateway.outbound.OutboundBudget;
import io.tickgate.gateway.protocol.CloseCodes;
import io.tickgate.gateway.publish.ApiKeys;
import io.tickgate.gateway.publish.PublishApi;
import io.tickgate.gateway.publish.Publishing;
import io.tickgate.gateway.session.SessionHandler;
import io.tickgate.gateway.tls.ReloadingSslContext;
import io.tickgate.gateway.tls.TlsErrorHandler;
import io.tickgate.model.topic.Topic;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client-facing gateway: WebSocket protocol v1 on {@code /ws} plus HTTP ops endpoints, on one port.
 *
 * <pre>{@code
 * Gateway gw = Gateway.start(GatewayConfig.builder().port(0).build(), broker, prometheusRegistry);
 * gw.port();
 * gw.addJsonRoute("/api/v1/feeds", () -> feeds.describe());
 * gw.readiness().register("feeds", feeds::problem);
 * gw.close();
 * }</pre>
 *
 * Started in one place ({@link #start}), stopped in reverse order ({@link #close}): stop accepting, detach from the
 * broker, close every client with 1001, stop the hub, stop the event loops.
 */
public final class Gateway implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Gateway.class);
    /** Static files are served from this classpath folder. */
    public static final String STATIC_ROOT = "tickgate/dashboard/";
    /** How long the start waits for a shared engine to list the declared topics in its directory. */
    private static final long DECLARE_WAIT_MILLIS = 5_000;

    private final EventLoopGroup acceptGroup;
    private final EventLoopGroup ioGroup;
    private final Channel serverChannel;
    private final ChannelGroup clients;
    private final TopicHub hub;
    private final AutoCloseable brokerSubscription;
    private final HttpRoutes routes;
    private final GatewayMetrics metrics;
    private final OutboundBudget budget;
    private final Authenticator authenticator;
    private final int port;
    private final Edge edge;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** What the network edge started, and the cluster membership: closed with the gateway. */
    private record Edge(Admission admission, ReloadingSslContext tls, OpsListener ops, ClusterNode cluster)
            implements AutoCloseable {
        @Override
        public void close() {
            cluster.close(); // first: the registry forgets this node before its clients go
            if (ops != null) {
                ops.close();
            }
            if (tls != null) {
                tls.close();
            }
            admission.close();
        }
    }

    private Gateway(EventLoopGroup acceptGroup, EventLoopGroup ioGroup, Channel serverChannel, ChannelGroup clients,
                    TopicHub hub, AutoCloseable brokerSubscription, HttpRoutes routes, GatewayMetrics metrics,
                    OutboundBudget budget, Authenticator authenticator, Edge edge) {
        this.acceptGroup = acceptGroup;
        this.ioGroup = ioGroup;
        this.serverChannel = serverChannel;
        this.clients = clients;
        this.hub = hub;
        this.brokerSubscription = brokerSubscription;
        this.routes = routes;
        this.metrics = metrics;
        this.budget = budget;
        this.authenticator = authenticator;
        this.edge = edge;
        this.port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /**
     * Starts the gateway: the hub, the broker subscription and the listening socket.
     *
     * @throws IllegalStateException if a port cannot be bound or the TLS files do not load (everything started is
     *                               stopped again)
     */
    public static Gateway start(GatewayConfig config, Broker broker, PrometheusMeterRegistry registry) {
        Authenticator authenticator = new Authenticator(config.auth(), registry); // loads keys: fails first
        GatewayMetrics metrics = new GatewayMetrics(registry);
        OutboundBudget budget = new OutboundBudget(config.maxTotalQueuedBytes(), config.maxQueueDelayMillis(),
                metrics);
        // Netty's default allocator (4.2: adaptive; io.netty.allocator.type=pooled for the older one): the frames are
        // encoded on hub threads, which have no pooled thread cache, and released on the event loops
        // (docs/benchmarks.md, session 14)
        ByteBufAllocator allocator = ByteBufAllocator.DEFAULT;
        ServerMessageEncoder encoder = new ServerMessageEncoder(allocator);
        TopicHub hub = new TopicHub(broker, new TopicHub.Settings(config.hubShards(), config.hubQueueCapacity(),
                config.tradeSnapshotSize(), config.bookSnapshotDepth(), config.eventHistorySize(),
                config.eventHistoryMaxAgeMillis(), config.stateHistorySize(), config.stateHistoryMaxAgeMillis(),
                config.hubIntake(), config.hubLingerMillis()), encoder, metrics).start();
        hub.declare(config.declaredTopics());
        declareShared(broker, config.declaredTopics());
        AutoCloseable subscription = hub.connect();
        ChannelGroup clients = new DefaultChannelGroup("tickgate-clients", GlobalEventExecutor.INSTANCE);
        HttpRoutes routes = new HttpRoutes(registry);
        routes.addJsonRoute("/api/v1/topics", () -> topicsView(hub));
        routes.readiness().register("hub", hub::problem);
        ClusterNode cluster = new ClusterNode(broker.presence(), clients, NodeInfo.DEFAULT_HEARTBEAT_MILLIS);
        routes.readiness().register("cluster", broker.presence()::problem);
        Publishing publishing = new Publishing(broker, config.api().maxPublishBytes(), registry);
        ApiKeys apiKeys = new ApiKeys(config.api());
        routes.addRoute(HttpMethod.POST, "/api/v1/publish", new PublishApi(apiKeys, publishing));
        new ClusterApi(cluster, apiKeys).register(routes);
        routes.readiness().register("broker", broker::problem);
        SessionHandler.Services services = new SessionHandler.Services(hub, encoder, metrics, authenticator, clients,
                config.heartbeatIntervalMillis(), config.maxSubscriptionsPerConnection(),
                config.inboundRatePerSecond(), config.inboundBurst(),
                new ConnectionOutbound.Limits(config.maxQueuedBytesPerConnection(), config.maxBatchMessages(),
                        config.maxBatchBytes(), TimeUnit.MILLISECONDS.toNanos(config.writeDelayMillis())),
                budget, config.maxFrameBytes(), cluster, publishing);
        HttpRequestHandler http = new HttpRequestHandler(routes,
                new StaticResources(Gateway.class.getClassLoader(), STATIC_ROOT));

        Transport transport = config.transport().orFallback();
        EventLoopGroup acceptGroup = transport.group(1, new DefaultThreadFactory("tickgate-gw-accept"));
        EventLoopGroup ioGroup = transport.group(config.ioThreads(), new DefaultThreadFactory("tickgate-gw-io"));
        EdgeMetrics edgeMetrics = new EdgeMetrics(registry);
        Admission admission = Admission.create(config.admission(), edgeMetrics);
        ReloadingSslContext tls = null;
        OpsListener ops = null;
        try {
            admission.startSweeper(acceptGroup.next());
            tls = config.tls().enabled() ? ReloadingSslContext.start(config.tls()) : null;
            EdgeHandlers edgeHandlers = new EdgeHandlers(new AdmissionHandler(admission), tls,
                    new TlsErrorHandler(edgeMetrics), new AdmissionHttpHandler(admission),
                    new OriginHandler(new OriginPolicy(config.allowedOrigins()), GatewayInitializer.WEBSOCKET_PATH,
                            edgeMetrics),
                    new OpsAccessHandler(config.ops(), false, edgeMetrics));
            if (config.ops().separatePort()) {
                ops = OpsListener.start(config.ops(), acceptGroup, ioGroup, transport.serverChannel(), http,
                        edgeMetrics);
                log.info("ops endpoints on {}:{}{}", config.ops().host(), ops.port(),
                        config.ops().token().isEmpty() ? "" : " (admin token required)");
            }
            ServerBootstrap bootstrap = new ServerBootstrap();
            if (config.socketSendBufferBytes() > 0) {
                bootstrap.childOption(ChannelOption.SO_SNDBUF, config.socketSendBufferBytes());
            }
            Channel server = bootstrap
                    .group(acceptGroup, ioGroup)
                    .channel(transport.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.ALLOCATOR, allocator)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(
                            config.writeBufferLowWaterMark(), config.writeBufferHighWaterMark()))
                    .childHandler(new GatewayInitializer(config, services, http, edgeHandlers))
                    .bind(config.host(), config.port())
                    .syncUninterruptibly()
                    .channel();
            cluster.join(config.host(), ((InetSocketAddress) server.localAddress()).getPort());
            Gateway gw = new Gateway(acceptGroup, ioGroup, server, clients, hub, subscription, routes, metrics,
                    budget, authenticator, new Edge(admission, tls, ops, cluster));
            log.info("gateway listening on {}:{} ({}, path {}, {} transport)", config.host(), gw.port,
                    tls != null ? "wss" : "ws", GatewayInitializer.WEBSOCKET_PATH, transport);
            if (!(config.auth().enabled() && config.auth().required()) && !isLoopback(config.host())) {
                log.warn("authentication is off and the gateway listens on {}, not a loopback address: anyone who "
                        + "can reach it can subscribe; configure authentication or bind 127.0.0.1", config.host());
            }
            return gw;
        } catch (Exception e) { // bind failures arrive as (sneakily thrown) checked exceptions
            closeQuietly(new Edge(admission, tls, ops, cluster));
            closeQuietly(subscription);
            hub.close();
            budget.close();
            authenticator.close();
            acceptGroup.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            ioGroup.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            String what = config.tls().enabled() && tls == null ? "TLS"
                    : config.ops().separatePort() && ops == null
                    ? "cannot bind the ops port " + config.ops().host() + ":" + config.ops().port()
                    : "cannot bind " + config.host() + ":" + config.port();
            throw new IllegalStateException(what + ": " + e.getMessage(), e);
        }
    }

    /**
     * A shared engine lists the declared topics in its topic directory (every node accepts them too): written before
     * the gateway accepts clients, so a node that asks the directory finds them. Bounded: a broker that cannot write
     * them now puts them in on connecting, before it reports ready.
     */
    private static void declareShared(Broker broker, Collection<Topic> topics) {
        try {
            broker.declare(topics).get(DECLARE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("declared topics not yet in the broker's topic directory after {} ms; continuing ({})",
                    DECLARE_WAIT_MILLIS, e.toString());
        }
    }

    /** The bound port. */
    public int port() {
        return port;
    }

    /** The socket transport in use: the configured one, or the one it fell back to here. */
    public Transport transport() {
        return Transport.of(serverChannel);
    }

    /** The separate operations port, or -1 when the ops endpoints are served on {@link #port()}. */
    public int opsPort() {
        return edge.ops() == null ? -1 : edge.ops().port();
    }

    /** True when the gateway port speaks TLS ({@code wss://}, {@code https://}). */
    public boolean tls() {
        return edge.tls() != null;
    }

    /** Serves {@code GET path} with the JSON (Jackson) of what {@code body} returns at request time. */
    public void addJsonRoute(String path, Supplier<?> body) {
        routes.addJsonRoute(path, body);
    }

    /**
     * Serves {@code method} on the paths {@code template} matches (e.g. {@code POST /api/v1/users/{id}/disconnect})
     * with {@code handler}, which may answer asynchronously (see {@link ApiHandler}).
     */
    public void addRoute(HttpMethod method, String template, ApiHandler handler) {
        routes.addRoute(method, template, handler);
    }

    /**
     * The checks behind {@code GET /ready} (200 when all pass, else 503 listing the failing ones): the gateway
     * registers {@code hub}; other components add theirs.
     */
    public Readiness readiness() {
        return routes.readiness();
    }

    /** Open client WebSocket connections. */
    public long connections() {
        return metrics.connections();
    }

    /**
     * Drops the connection with this id (as sent in {@code welcome}) at once, without a close handshake: the client
     * sees a lost connection and resumes. For operations (e.g. shedding a misbehaving client) and failure tests.
     *
     * @return false when no open connection has the id
     */
    public boolean disconnect(String connectionId) {
        for (Channel ch : clients) {
            if (connectionId.equals(ch.attr(SessionHandler.CONNECTION_ID).get())) {
                // from the first handler: past the WebSocket handler that would send a close frame first
                ch.pipeline().firstContext().close();
                return true;
            }
        }
        return false;
    }

    /**
     * Stops accepting, closes every client with 1001 (going away), stops the hub and the event loops. Returns
     * within about 5 s. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        serverChannel.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        closeQuietly(edge);
        closeQuietly(brokerSubscription);
        for (Channel ch : clients) {
            ch.writeAndFlush(new CloseWebSocketFrame(CloseCodes.GOING_AWAY, "server shutting down"))
                    .addListener(ChannelFutureListener.CLOSE);
        }
        clients.newCloseFuture().awaitUninterruptibly(1_500, TimeUnit.MILLISECONDS);
        hub.close();
        budget.close();
        authenticator.close();
        io.netty.util.concurrent.Future<?> io = ioGroup.shutdownGracefully(0, 500, TimeUnit.MILLISECONDS);
        io.netty.util.concurrent.Future<?> accept = acceptGroup.shutdownGracefully(0, 500, TimeUnit.MILLISECONDS);
        io.awaitUninterruptibly(1_500, TimeUnit.MILLISECONDS);
        accept.awaitUninterruptibly(500, TimeUnit.MILLISECONDS);
        log.info("gateway on port {} stopped", port);
    }

    /** Every known topic but the personal inboxes: a public endpoint does not list who has one (or how busy it is). */
    private static List<Map<String, Object>> topicsView(TopicHub hub) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (TopicInfo i : hub.describe()) {
            if (i.topic().inboxOwner() != null) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("topic", i.topic().toString());
            m.put("channel", i.topic().channel().wireName());
            m.put("epoch", i.epoch());
            m.put("seq", i.seq());
            m.put("subscribers", i.subscribers());
            out.add(m);
        }
        return out;
    }

    /** True for a loopback literal or name (never a DNS lookup for anything else: a non-literal counts as public). */
    static boolean isLoopback(String host) {
        String h = host.trim();
        if ("localhost".equalsIgnoreCase(h)) {
            return true;
        }
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            log.debug("close failed", e);
        }
    }
}
