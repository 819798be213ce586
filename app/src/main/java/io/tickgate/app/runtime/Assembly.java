package io.tickgate.app.runtime;

import io.tickgate.feed.venue.Endpoint;
import io.tickgate.feed.venue.VenueDefaults;

import io.tickgate.feed.venue.Venues;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tickgate.app.config.TickgateConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tickgate.bus.Brokers;
import io.tickgate.bus.api.Broker;
import io.tickgate.bus.api.BrokerSettings;
import io.tickgate.bus.local.InProcessBroker;
import io.tickgate.feed.record.Recording;
import io.tickgate.feed.pool.DeclaredTopics;
import io.tickgate.feed.FeedPools;
import io.tickgate.feed.shard.FeedShard;
import io.tickgate.feed.shard.ShardedFeeds;
import io.tickgate.feed.standby.StandbyConfig;
import io.tickgate.bus.lease.ShardOwnership;
import io.tickgate.feed.pool.EndpointConfig;
import io.tickgate.feed.backfill.BackfillConfig;
import io.tickgate.feed.pool.PoolConfig;
import io.tickgate.model.venue.Venue;
import io.tickgate.gateway.Gateway;
import io.tickgate.gateway.GatewayConfig;
import io.tickgate.gateway.bootstrap.Transport;
import io.tickgate.gateway.http.ApiResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.tickgate.gateway.auth.AuthConfig;
import io.tickgate.gateway.auth.TopicAcl;
import io.tickgate.gateway.admission.AdmissionConfig;
import io.tickgate.gateway.ops.OpsConfig;
import io.tickgate.gateway.publish.ApiConfig;
import io.tickgate.gateway.tls.TlsConfig;
import io.tickgate.model.topic.Topic;
import io.tickgate.store.runtime.HistoryService;
import io.tickgate.simulator.instrument.Instrument;
import io.tickgate.simulator.venue.VenueSimulator;
import io.tickgate.simulator.venue.SimulatedVenues;
import io.tickgate.simulator.venue.VenueSimulatorConfig;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds one process's components from the configuration, in data-flow order: metrics and broker first, then the
 * venue simulator (demo) and the feed pools, then the gateway, which opens its port once the feeds deliver (so a
 * client never meets a half-started system). Everything started is registered in {@link #components()} and closed
 * in reverse.
 */
public final class Assembly {

    private static final Logger LOG = LoggerFactory.getLogger(Assembly.class);
    /** {@code GET /api/v1/feeds} waits this long for the lease state; then it answers with this node's local view. */
    private static final long LEASE_READ_MILLIS = 2_000;

    private final TickgateConfig config;
    private final Components components = new Components();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Broker broker;
    private Gateway gateway;
    private VenueSimulator simulator;
    private FeedPools feeds;
    /** The sharded collectors on a shared broker (null otherwise). */
    private ShardedFeeds sharded;
    private ShardOwnership ownership;
    private HistoryService history;
    /** The topics the started feeds will publish: they exist in the gateway from its start. */
    private final Set<Topic> declaredTopics = new LinkedHashSet<>();

    public Assembly(TickgateConfig config) {
        this.config = config;
        components.add("metrics", registry::close);
        this.broker = components.add("broker", openBroker(config, registry));
    }

    /**
     * The configured engine. In-process: without retention (the gateway's hub takes the firehose and keeps history
     * and state itself, so the publishing thread does nothing twice). Redis: starts even when Redis is unreachable;
     * it logs why, retries, and {@code /ready} names it until it connects.
     */
    static Broker openBroker(TickgateConfig config, MeterRegistry registry) {
        String url = config.broker().url();
        if (Brokers.isInProcess(url)) {
            return InProcessBroker.withoutRetention();
        }
        try {
            return Brokers.open(url, brokerSettings(config), registry);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("broker.url: " + e.getMessage(), e);
        }
    }

    /** The engine's settings: the {@code broker} section, history limits and trade image size from the gateway's. */
    static BrokerSettings brokerSettings(TickgateConfig config) {
        TickgateConfig.Broker b = config.broker();
        TickgateConfig.Gateway g = config.gateway();
        try {
            return BrokerSettings.builder()
                    .queueCapacity(b.queueCapacity())
                    .maxBatch(b.maxBatch())
                    .maxInFlight(b.maxInFlight())
                    .keyframe(b.keyframeDeltas(), b.keyframeMillis())
                    .commandTimeoutMillis(b.commandTimeoutMillis())
                    .keyPrefix(b.keyPrefix())
                    // the engine keeps at least one message per topic even where the gateway keeps none
                    .eventHistory(Math.max(1, g.eventHistorySize()), g.eventHistoryMaxAgeMillis())
                    .stateHistory(Math.max(1, g.stateHistorySize()), g.stateHistoryMaxAgeMillis())
                    .tradeStateSize(g.tradeSnapshotSize())
                    .build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("broker: " + e.getMessage(), e);
        }
    }

    /**
     * Feeds first, then the gateway: waits (at most {@code warmMillis}) until the feeds are up and every symbol has
     * delivered, so the gateway opens its port with every topic known (a client never subscribes to a topic that
     * has not appeared yet); then re-publishes the synced books so the gateway holds full books from the start.
     */
    public Gateway startGatewayAfterFeeds(long warmMillis) throws InterruptedException {
        if (feeds != null && !feeds.awaitWarm(warmMillis)) {
            LOG.warn("feeds not fully up after {} ms; starting the gateway anyway (see /api/v1/feeds)", warmMillis);
        }
        Gateway g = startGateway();
        if (feeds != null) {
            feeds.republishBooks();
        }
        return g;
    }

    /** Starts the client gateway on the configured host and port (with the feeds' routes if they run). */
    public Gateway startGateway() {
        TickgateConfig.Gateway g = config.gateway();
        GatewayConfig.Builder gcb = GatewayConfig.builder()
                .host(g.host())
                .port(g.port())
                .maxFrameBytes(g.maxFrameBytes())
                .heartbeatIntervalMillis(g.heartbeatIntervalMillis())
                .pongTimeoutMillis(g.pongTimeoutMillis())
                .maxSubscriptionsPerConnection(g.maxSubscriptionsPerConnection())
                .inboundRateLimit(g.inboundRatePerSecond(), g.inboundBurst())
                .tradeSnapshotSize(g.tradeSnapshotSize())
                .bookSnapshotDepth(g.bookSnapshotDepth())
                .maxQueuedBytesPerConnection(g.maxQueuedBytesPerConnection())
                .eventHistory(g.eventHistorySize(), g.eventHistoryMaxAgeMillis())
                .stateHistory(g.stateHistorySize(), g.stateHistoryMaxAgeMillis())
                .writeBufferWaterMarks(g.writeBufferLowWaterMark(), g.writeBufferHighWaterMark())
                .maxBatch(g.maxBatchMessages(), g.maxBatchBytes())
                .compression(g.compression())
                .transport(Transport.named(g.transport()))
                .hubShards(g.hubShards())
                .hubQueueCapacity(g.hubQueueCapacity())
                .hubLingerMillis(g.hubLingerMillis())
                .auth(auth(g.auth()))
                .api(api(g.api()))
                .maxQueueDelayMillis(g.maxQueueDelayMillis())
                .writeDelayMillis(g.writeDelayMillis())
                .declaredTopics(declaredTopics);
        if (g.maxTotalQueuedBytes() > 0) {
            gcb.maxTotalQueuedBytes(g.maxTotalQueuedBytes());
        }
        edge(gcb, config.edge());
        GatewayConfig gc = gcb.build();
        gateway = components.add("gateway", Gateway.start(gc, broker, registry));
        if (feeds != null) {
            FeedPools f = feeds; // answered when the lease read does: never waits on the event loop
            gateway.addRoute(HttpMethod.GET, "/api/v1/feeds", r -> f.feedsJsonAsync().thenApply(ApiResponse::ok));
            if (sharded != null) { // per role: the shards run here, the shards this node stands by for
                gateway.readiness().register("feeds", sharded.report()::problem);
                // advisory: a standby in trouble degrades failover, not what this node serves its clients
                gateway.readiness().registerAdvisory("standby", sharded.report()::standbyProblem);
            } else {
                gateway.readiness().register("feeds", feeds::problem);
            }
        }
        if (simulator != null) {
            gateway.readiness().register("venue simulator", simulator::problem);
        }
        if (history != null) {
            history.attach(gateway);
        }
        LOG.info("gateway listening on {}:{}", g.host(), gateway.port());
        return gateway;
    }

    /** The {@code gateway.api} section → the server API's keys and publish limit (package-private for tests). */
    static ApiConfig api(TickgateConfig.Api a) {
        return new ApiConfig(a.keys(), a.maxPublishBytes());
    }

    /** The {@code edge} section → the gateway's admission, TLS, origin and ops settings (package-private for tests). */
    static void edge(GatewayConfig.Builder gcb, TickgateConfig.Edge e) {
        gcb.admission(AdmissionConfig.builder()
                        .handshakeTimeoutMillis(e.handshakeTimeoutMillis())
                        .maxConnections(e.maxConnections())
                        .maxConnectionsPerIp(e.maxConnectionsPerIp())
                        .connectRatePerIp(e.connectRatePerIp(), e.connectBurstPerIp())
                        .trustedProxies(e.trustedProxies())
                        .build())
                .allowedOrigins(e.allowedOrigins())
                .ops(new OpsConfig(e.opsPort(), e.opsHost(), e.opsToken()));
        boolean cert = !e.tlsCertificateChainFile().isEmpty();
        if (cert != !e.tlsPrivateKeyFile().isEmpty()) {
            throw new IllegalArgumentException("edge.tlsCertificateChainFile and edge.tlsPrivateKeyFile go together");
        }
        if (cert) {
            gcb.tls(new TlsConfig(Path.of(e.tlsCertificateChainFile()), Path.of(e.tlsPrivateKeyFile()),
                    e.tlsReloadCheckMillis()));
        }
    }

    /**
     * Starts the history store when {@code store.enabled} (null otherwise): before the producers, so it keeps their
     * first trades; the gateway started later serves its routes. Registered before the feeds, so it closes after
     * them and writes what they delivered.
     */
    public HistoryService startStore() {
        if (config.store().enabled()) {
            history = components.add("store", HistoryService.start(config.store().settings(), broker,
                    !Brokers.isInProcess(config.broker().url()), registry));
            LOG.info("history store: {} at {}", history.store().backend(), config.store().url());
        }
        return history;
    }

    /**
     * Starts the venue simulator: every simulated venue, each on its own port, with its configured settings
     * ({@code simulator.venues.<venue>.*}).
     *
     * @param loopbackFreePorts true (the demo): bind 127.0.0.1 on free ports; false: the configured host and ports
     */
    public VenueSimulator startVenueSimulator(boolean loopbackFreePorts) {
        TickgateConfig.Simulator s = config.simulator();
        int venues = SimulatedVenues.all().size();
        VenueSimulatorConfig.Builder b = VenueSimulatorConfig.builder()
                .host(loopbackFreePorts ? "127.0.0.1" : s.host())
                .seed(s.seed())
                .symbolsPerSource(s.symbolsPerSource())
                .eventsPerSecond(Math.max(1, s.eventsPerSecond() / Math.max(1, venues)))
                .tradeHistorySize(s.tradeHistorySize());
        s.venues().forEach((venue, settings) -> settings.forEach((key, value) -> b.venue(Venue.of(venue), key, value)));
        if (loopbackFreePorts) {
            SimulatedVenues.all().forEach(sv -> b.port(sv.venue(), 0));
        }
        VenueSimulatorConfig vc = b.build();
        simulator = components.add("venue simulator", VenueSimulator.start(vc));
        StringBuilder where = new StringBuilder();
        for (Venue v : simulator.venues()) {
            where.append(where.length() == 0 ? "" : ", ").append(v.id()).append(" on ").append(vc.host()).append(':')
                    .append(simulator.port(v));
        }
        LOG.info("venue simulator: {}, {} symbols each, {} events/s in total", where, s.symbolsPerSource(),
                s.eventsPerSecond());
        return simulator;
    }

    /**
     * Starts the feed pools of the enabled venues, publishing into the broker; with a gateway, also
     * {@code GET /api/v1/feeds} and the {@code feeds} readiness check.
     *
     * @param sim if not null, connect to this simulator (its loopback ports, all its symbols) instead of the
     *            configured URLs and symbols
     */
    public FeedPools startFeeds(VenueSimulator sim) {
        return startFeeds(sim, null);
    }

    /**
     * {@link #startFeeds(VenueSimulator)}, recording every venue's traffic into {@code recording} (null: none);
     * the recording is registered before the feeds, so it is closed after them (everything they received written).
     */
    public FeedPools startFeeds(VenueSimulator sim, Recording recording) {
        List<PoolConfig> pools = new ArrayList<>();
        for (Map.Entry<String, TickgateConfig.Feed> v : config.venues().entrySet()) {
            Venue venue = Venues.parse(v.getKey());
            if (v.getValue().enabled()) {
                pools.add(pool(venue, v.getValue(), sim));
            }
        }
        if (pools.isEmpty()) {
            throw new IllegalArgumentException("no venue enabled (" + String.join(", ",
                    config.venues().keySet().stream().map(id -> id + ".enabled").toList()) + ")");
        }
        for (PoolConfig p : pools) {
            declaredTopics.addAll(DeclaredTopics.of(p));
        }
        if (recording == null && !Brokers.isInProcess(config.broker().url())) {
            return startShardedFeeds(pools);
        }
        if (recording != null) {
            components.add("recording", recording);
        }
        long startMillis = System.currentTimeMillis();
        feeds = components.add("feeds", new FeedPools(pools, config.feeds().ioThreads(), broker::publish, registry,
                recording == null ? null : p -> recording.venue(p.venue(), "channels=" + String.join(",",
                        p.channels()) + " symbols=" + String.join(",", p.symbols()))));
        if (history != null) {
            CandleBackfillOnStart.start(history.store(), feeds, startMillis);
        }
        for (PoolConfig p : pools) {
            for (EndpointConfig e : p.endpoints()) {
                LOG.info("feed {}: {} symbols x {} via {} ({}-{} connections)", p.venue().source(),
                        p.symbols().size(), e.channels(), e.url(), e.minConnections(), e.maxConnections());
            }
        }
        return feeds;
    }

    /**
     * On a shared broker: each venue's symbols split into {@code <venue>.shards} shards, each run here only while
     * this node holds its lease ({@link ShardOwnership}); the shards spread evenly over the nodes running feeds.
     * Registered after the pools, so closing hands every lease over (stopping the pools) before they close.
     */
    private FeedPools startShardedFeeds(List<PoolConfig> pools) {
        List<FeedShard> shards = new ArrayList<>();
        for (PoolConfig p : pools) {
            TickgateConfig.Feed f = config.venue(p.venue().source());
            shards.addAll(FeedShard.split(p, f.shards(), f.standby()
                    ? new StandbyConfig(true, f.standbyBufferEvents(), f.standbyBufferMillis()) : StandbyConfig.NONE));
        }
        feeds = components.add("feeds", FeedPools.sharded(config.feeds().ioThreads(), registry));
        sharded = new ShardedFeeds(shards, broker, feeds, registry);
        String node = "feeds-" + InProcessBroker.newEpoch();
        ownership = components.add("shards", new ShardOwnership(node, sharded.names(), broker, sharded::shardOf,
                sharded, config.feeds().leaseTtlMillis(), registry, sharded::hasStandby));
        feeds.shards(() -> ownership.leaseState(LEASE_READ_MILLIS)
                .thenApply(leases -> sharded.report().view(leases, ownership.standbys())));
        LOG.info("feeds: {} shards over the nodes sharing the broker; this node is {}", shards.size(), node);
        return feeds;
    }

    /** This node's metrics (what {@code GET /metrics} exposes). */
    public MeterRegistry registry() {
        return registry;
    }

        /** The shard leases of this node's feeds on a shared broker; null otherwise. */
    public ShardOwnership shardOwnership() {
        return ownership;
    }

    /** True when the configuration enables at least one venue's feed. */
    public boolean anyVenueEnabled() {
        return config.venues().values().stream().anyMatch(TickgateConfig.Feed::enabled);
    }

    /**
     * A gateway-only node: no feeds here; the gateway serves what other nodes publish into the shared broker.
     * Valid with any broker (with the in-process one nothing will be published: warned).
     */
    public void gatewayOnly() {
        if (Brokers.isInProcess(config.broker().url())) {
            LOG.warn("gateway-only node on the in-process broker: nothing will publish; set broker.url "
                    + "(e.g. --broker redis://HOST:PORT) to serve the topics other nodes publish");
        } else {
            LOG.info("gateway-only node: no feed pools; topics come from the shared broker");
        }
    }

    /**
     * The settings a venue's pool runs with under this configuration (its section, even when disabled), e.g. for a
     * replay that processes the venue's recording as the pool would.
     *
     * @throws IllegalArgumentException if the configuration has no section for the venue
     */
    public PoolConfig poolConfig(Venue venue) {
        return poolConfig(config, venue);
    }

    /** {@link #poolConfig(Venue)} of a configuration, without assembling anything. */
    public static PoolConfig poolConfig(TickgateConfig config, Venue venue) {
        TickgateConfig.Feed f = config.venue(venue.source());
        if (f == null) {
            throw new IllegalArgumentException("the configuration has no " + venue.source() + " section");
        }
        return pool(venue, f, null);
    }

    /** The broker every producer publishes into (the gateway's source). */
    public Broker broker() {
        return broker;
    }

    /** Topics that exist in the gateway from its start (call before {@link #startGateway}). */
    public void declareTopics(Collection<Topic> topics) {
        declaredTopics.addAll(topics);
    }

    /**
     * Envelopes waiting in the gateway's hub shard queues (0 without a gateway): a producer that can wait (a replay
     * as fast as possible) waits while it is high, instead of overflowing the hub.
     */
    public double hubQueueDepth() {
        Gauge g = registry.find("tickgate.gateway.hub.queue.depth").gauge();
        return g == null ? 0 : g.value();
    }

    /** The gateway's hub queue capacity over all shards, from the configuration. */
    public long hubQueueCapacity() {
        return (long) GatewayConfig.threadsOr(config.gateway().hubShards()) * config.gateway().hubQueueCapacity();
    }

    /** One venue's pool settings from its config section (package-private for tests). */
    static PoolConfig pool(Venue venue, TickgateConfig.Feed f, VenueSimulator sim) {
        PoolConfig.Builder b = PoolConfig.builder(venue)
                .url(f.url())
                .restUrl(f.restUrl() == null || f.restUrl().isBlank() ? null : f.restUrl())
                .symbols(f.symbols())
                .channels(f.channels())
                .connections(f.minConnections(), f.maxConnections())
                .backoff(1000, f.backoffCapMillis())
                .stableMillis(f.stableMillis())
                .connectLimit(f.connectAttempts(), f.connectWindowMillis())
                .controlLimit(f.controlMessages(), f.controlWindowMillis())
                .controlRecoveryMillis(f.controlRecoveryMillis())
                .lifetimeMillis(f.lifetimeMillis())
                .queueCapacity(f.queueCapacity())
                .snapshots(f.depthLimit(), f.snapshotsPerSecond(), Math.max(1, (int) (f.snapshotsPerSecond() * 4)))
                .bookDepth(f.bookDepth())
                .klineIntervals(f.klineIntervals())
                .rebalance(f.rebalanceTrigger(), f.rebalanceIntervalMillis())
                .maxStreamsPerConnection(f.maxStreamsPerConnection())
                .snapshotRecoveryMillis(f.snapshotRecoveryMillis())
                .stale(f.staleFactor(), f.staleMinSilenceMillis(), f.staleResubscribes())
                .backfill(backfill(venue, f));
        f.endpoints().forEach((name, e) -> b.endpoint(name, e.url(), e.minConnections(), e.maxConnections()));
        if (sim != null) {
            List<String> symbols = new ArrayList<>();
            for (Instrument i : sim.symbols(venue)) {
                symbols.add(i.symbol());
            }
            b.symbols(symbols);
            VenueDefaults d = Venues.adapter(venue).defaults();
            String host = "127.0.0.1:" + sim.port(venue);
            // every simulated venue serves its REST (depth snapshots, trade history) on its WebSocket port
            b.url("ws://" + host + d.primary().path()).restUrl("http://" + host);
            for (Endpoint e : d.endpoints().subList(1, d.endpoints().size())) {
                b.endpointUrl(e.name(), "ws://" + host + e.path()); // every endpoint on the simulator's port
            }
        }
        if (f.symbols().isEmpty() && sim == null) {
            throw new IllegalArgumentException(venue.source() + ".symbols is empty");
        }
        return b.build();
    }

    private static BackfillConfig backfill(Venue venue, TickgateConfig.Feed f) {
        try {
            return new BackfillConfig(f.backfillMaxTrades(), f.backfillHoldTrades(), f.backfillTimeoutMillis());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(venue.source() + ".backfill*: " + e.getMessage(), e);
        }
    }

    /** Prints where to connect. */
    public void printUrls(PrintStream out) {
        if (gateway == null) {
            return;
        }
        String host = config.gateway().host();
        String shown = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        String http = (gateway.tls() ? "https://" : "http://") + shown + ":" + gateway.port();
        String ops = gateway.opsPort() > 0 ? "http://" + config.edge().opsHost() + ":" + gateway.opsPort() : http;
        out.println("tickgate is running:");
        out.println("  dashboard  " + http + "/");
        out.println("  websocket  " + (gateway.tls() ? "wss://" : "ws://") + shown + ":" + gateway.port() + "/ws");
        out.println("  metrics    " + ops + "/metrics");
        if (feeds != null) {
            out.println("  feeds      " + ops + "/api/v1/feeds");
        }
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }

    /** Prints the simulator's venue URLs (for {@code tickgate simulator}). */
    public void printSimulatorUrls(PrintStream out) {
        if (simulator == null) {
            return;
        }
        String host = config.simulator().host();
        out.println("venue simulator is running:");
        StringBuilder ports = new StringBuilder();
        for (Venue v : simulator.venues()) {
            String base = host + ":" + simulator.port(v);
            VenueDefaults d = Venues.adapter(v).defaults();
            StringBuilder line = new StringBuilder(String.format("  %-10s", v.id()));
            for (int i = 0; i < d.endpoints().size(); i++) {
                Endpoint e = d.endpoints().get(i);
                line.append(i == 0 ? " " : ", ").append(e.name()).append(" ws://").append(base).append(e.path());
            }
            line.append("   (REST http://").append(base).append(")"); // every simulated venue serves its REST
            out.println(line);
            ports.append(ports.length() == 0 ? "" : " ").append("simulator.venues.").append(v.id()).append(".port=")
                    .append(simulator.port(v));
        }
        out.println("  faults     POST http://" + host + ":<port>/admin/fault on each venue's port");
        out.println("  " + ports);
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }

    public Components components() {
        return components;
    }

    /** {@code gateway.auth} from the config → the gateway's auth settings (validated by its builder). */
    public static AuthConfig auth(TickgateConfig.Auth a) {
        Map<String, TopicAcl> roles = new HashMap<>();
        a.roles().forEach((name, g) -> roles.put(name, acl("gateway.auth.roles." + name, g)));
        return AuthConfig.builder()
                .enabled(a.enabled())
                .required(a.required())
                .algorithms(Set.copyOf(a.algorithms()))
                .secret(a.secret())
                .publicKeyPem(path(a.publicKeyPem()))
                .jwksFile(path(a.jwksFile()))
                .jwksUrl(a.jwksUrl() == null || a.jwksUrl().isBlank() ? null : URI.create(a.jwksUrl()))
                .jwksCacheSeconds(a.jwksCacheSeconds())
                .issuer(a.issuer())
                .audience(a.audience())
                .clockSkewSeconds(a.clockSkewSeconds())
                .claims(a.topicsClaim(), a.publishClaim(), a.rolesClaim())
                .roles(roles)
                .anonymous(acl("gateway.auth.anonymous", a.anonymous()))
                .authTimeoutMillis(a.authTimeoutMillis())
                .build();
    }

    private static TopicAcl acl(String key, TickgateConfig.Grants g) {
        if (g == null) {
            return TopicAcl.NONE;
        }
        try {
            return TopicAcl.of(g.subscribe(), g.publish());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    private static Path path(String file) {
        return file == null || file.isBlank() ? null : Path.of(file);
    }

}
