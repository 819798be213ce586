package io.tickgate.app.runtime;

import io.tickgate.feed.venue.Endpoint;
import io.tickgate.feed.venue.VenueDefaults;

import io.tickgate.feed.venue.Venues;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tickgate.app.config.TickgateConfig;
import io.micrometer.core.instrument.Gauge;
import io.tickgate.bus.api.Broker;
import io.tickgate.bus.local.InProcessBroker;
import io.tickgate.feed.record.Recording;
import io.tickgate.feed.pool.DeclaredTopics;
import io.tickgate.feed.FeedPools;
import io.tickgate.feed.pool.EndpointConfig;
import io.tickgate.feed.pool.PoolConfig;
import io.tickgate.model.venue.Venue;
import io.tickgate.gateway.Gateway;
import io.tickgate.gateway.GatewayConfig;
import io.tickgate.gateway.auth.AuthConfig;
import io.tickgate.gateway.auth.TopicAcl;
import io.tickgate.gateway.admission.AdmissionConfig;
import io.tickgate.gateway.ops.OpsConfig;
import io.tickgate.gateway.tls.TlsConfig;
import io.tickgate.model.topic.Topic;
import io.tickgate.simulator.instrument.Instrument;
import io.tickgate.simulator.venue.VenueSimulator;
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

    private final TickgateConfig config;
    private final Components components = new Components();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final InProcessBroker broker;
    private Gateway gateway;
    private VenueSimulator simulator;
    private FeedPools feeds;
    /** The topics the started feeds will publish: they exist in the gateway from its start. */
    private final Set<Topic> declaredTopics = new LinkedHashSet<>();

    public Assembly(TickgateConfig config) {
        this.config = config;
        components.add("metrics", registry::close);
        this.broker = components.add("broker", InProcessBroker.withoutRetention());
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
                .hubShards(g.hubShards())
                .hubQueueCapacity(g.hubQueueCapacity())
                .auth(auth(g.auth()))
                .maxQueueDelayMillis(g.maxQueueDelayMillis())
                .declaredTopics(declaredTopics);
        if (g.maxTotalQueuedBytes() > 0) {
            gcb.maxTotalQueuedBytes(g.maxTotalQueuedBytes());
        }
        edge(gcb, config.edge());
        GatewayConfig gc = gcb.build();
        gateway = components.add("gateway", Gateway.start(gc, broker, registry));
        if (feeds != null) {
            gateway.addJsonRoute("/api/v1/feeds", feeds::feedsJson);
            gateway.readiness().register("feeds", feeds::problem);
        }
        if (simulator != null) {
            gateway.readiness().register("venue simulator", simulator::problem);
        }
        LOG.info("gateway listening on {}:{}", g.host(), gateway.port());
        return gateway;
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
     * Starts the venue simulator: a simulated Binance and OKX, each on its own port.
     *
     * @param loopbackFreePorts true (the demo): bind 127.0.0.1 on free ports; false: the configured host and ports
     */
    public VenueSimulator startVenueSimulator(boolean loopbackFreePorts) {
        TickgateConfig.Simulator s = config.simulator();
        VenueSimulatorConfig vc = VenueSimulatorConfig.builder()
                .host(loopbackFreePorts ? "127.0.0.1" : s.host())
                .binancePort(loopbackFreePorts ? 0 : s.binancePort())
                .okxPort(loopbackFreePorts ? 0 : s.okxPort())
                .seed(s.seed())
                .symbolsPerSource(s.symbolsPerSource())
                .eventsPerSecond(Math.max(1, s.eventsPerSecond() / 2))
                .connectionLifetimeMillis(s.connectionLifetimeMillis())
                .build();
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
        if (recording != null) {
            components.add("recording", recording);
        }
        feeds = components.add("feeds", new FeedPools(pools, config.feeds().ioThreads(), broker::publish, registry,
                recording == null ? null : p -> recording.venue(p.venue(), "channels=" + String.join(",",
                        p.channels()) + " symbols=" + String.join(",", p.symbols()))));
        for (PoolConfig p : pools) {
            for (EndpointConfig e : p.endpoints()) {
                LOG.info("feed {}: {} symbols x {} via {} ({}-{} connections)", p.venue().source(),
                        p.symbols().size(), e.channels(), e.url(), e.minConnections(), e.maxConnections());
            }
        }
        return feeds;
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
        return (long) config.gateway().hubShards() * config.gateway().hubQueueCapacity();
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
                .stale(f.staleFactor(), f.staleMinSilenceMillis(), f.staleResubscribes());
        f.endpoints().forEach((name, e) -> b.endpoint(name, e.url(), e.minConnections(), e.maxConnections()));
        if (sim != null) {
            List<String> symbols = new ArrayList<>();
            for (Instrument i : sim.symbols(venue)) {
                symbols.add(i.symbol());
            }
            b.symbols(symbols);
            VenueDefaults d = Venues.adapter(venue).defaults();
            String host = "127.0.0.1:" + sim.port(venue);
            b.url("ws://" + host + d.primary().path()).restUrl(d.restUrl() == null ? null : "http://" + host);
            for (Endpoint e : d.endpoints().subList(1, d.endpoints().size())) {
                b.endpointUrl(e.name(), "ws://" + host + e.path()); // every endpoint on the simulator's port
            }
        }
        if (f.symbols().isEmpty() && sim == null) {
            throw new IllegalArgumentException(venue.source() + ".symbols is empty");
        }
        return b.build();
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
        out.println("  feeds      " + ops + "/api/v1/feeds");
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
            if (d.restUrl() != null) {
                line.append("   (REST http://").append(base).append(")");
            }
            out.println(line);
            ports.append(ports.length() == 0 ? "" : " ").append(v.id()).append("Port=").append(simulator.port(v));
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
