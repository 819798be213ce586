package io.tickgate.feed.pool;

import io.tickgate.model.venue.Venue;

import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.tickgate.feed.connection.ConnectionState;
import io.tickgate.feed.connection.SlidingWindowLimiter;
import io.tickgate.feed.pipeline.ProcessorConfig;
import io.tickgate.feed.pipeline.StaleHandler;
import io.tickgate.feed.pipeline.VenueProcessor;
import io.tickgate.feed.record.RecordingProtocol;
import io.tickgate.feed.record.RecordingSnapshotSource;
import io.tickgate.feed.record.VenueRecorder;
import io.tickgate.feed.venue.VenueAdapter;
import io.tickgate.feed.venue.VenueProtocol;
import io.tickgate.feed.venue.Venues;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.topic.Topic;
import io.tickgate.processing.book.BookSyncConfig;
import io.tickgate.processing.book.SnapshotPacer;
import io.tickgate.feed.backfill.PacedTradeHistory;
import io.tickgate.feed.backfill.TradeHistory;
import io.tickgate.processing.book.SnapshotSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One venue's connection pool: per endpoint of the venue that carries configured channels (Binance: one; OKX:
 * {@code /public} and, for candles, {@code /business}), an {@link EndpointPool} that spreads every symbol over its
 * own {@code min..max} {@link FeedConnection}s by a consistent-hash ring and autoscales them; and, shared by all
 * endpoints, one {@link VenueProcessor} (book sync, candles, de-duplication, publishing: one writer per topic), the
 * connection-attempt budget (venues limit connection attempts per IP, OKX 3/s across its endpoints) and the REST
 * snapshot pacing.
 *
 * <pre>{@code
 * FeedPool pool = FeedPool.start(PoolConfig.builder(Venue.BINANCE).url("ws://127.0.0.1:9100")
 *         .restUrl("http://127.0.0.1:9100").symbols(List.of("BTCUSDT")).build(), eventLoops, broker::publish);
 * pool.views();   // per connection: endpoint, state, health, symbols, ...
 * }</pre>
 */
public final class FeedPool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FeedPool.class);

    private final PoolConfig config;
    private final ScheduledExecutorService scheduler;
    private final SnapshotPacer snapshotPacer;
    private final SnapshotPacer resyncPacer;
    private final SnapshotPacer tradePacer;
    private final boolean tradeHistory;
    private final VenueProcessor processor;
    private final SlidingWindowLimiter connectAttempts;
    private final LongAdder malformed = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final List<EndpointPool> endpoints;
    private volatile boolean closed;

    private FeedPool(PoolConfig config, EventLoopGroup group, Consumer<MarketEvent> publish,
                     VenueRecorder recorder) {
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(group, "group");
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tickgate-feed-pool-" + config.venue().source());
            t.setDaemon(true);
            return t;
        });
        SslContext ssl = ssl(config);
        VenueAdapter adapter = Venues.adapter(config.venue());
        SnapshotSource rest = adapter.snapshots(config.restUrl(), config.depthLimit(), group, ssl);
        if (recorder != null && rest != null) {
            rest = new RecordingSnapshotSource(rest, recorder);
        }
        SnapshotSource snapshots = null;
        if (rest != null) {
            snapshotPacer = new SnapshotPacer(new SnapshotPacer.Config(config.snapshotBurst(),
                    config.snapshotsPerSecond(), config.snapshotRecoveryMillis()), scheduler, System::nanoTime);
            snapshots = snapshotPacer.pace(rest);
        } else {
            snapshotPacer = null;
        }
        resyncPacer = new SnapshotPacer(adapter.resubscribePacing(), scheduler, System::nanoTime);
        ProcessorConfig pc = processorConfig(config).withStale(config.stale()).withBackfill(config.backfill());
        this.processor = new VenueProcessor(config.venue(), pc, publish, adapter::bookSync, snapshots,
                this::resubscribeBook, new StaleActions());
        TradeHistory trades = adapter.tradeHistory(config.restUrl(), group, ssl);
        this.tradeHistory = trades != null;
        if (trades != null) {
            // one REST budget per venue: trade pages share the depth snapshots' pacer where there is one
            tradePacer = snapshotPacer != null ? null
                    : new SnapshotPacer(adapter.tradeHistoryPacing(), scheduler, System::nanoTime);
            processor.tradeHistory(new PacedTradeHistory(trades, snapshotPacer != null ? snapshotPacer : tradePacer));
        } else {
            tradePacer = null;
        }
        if (recorder != null) {
            processor.tapMarkers(recorder::marker);
        }
        this.connectAttempts = new SlidingWindowLimiter(config.connectAttempts(), config.connectWindowMillis());
        AtomicLong sessionIds = new AtomicLong();
        List<EndpointPool> list = new ArrayList<>();
        for (EndpointConfig e : config.endpoints()) {
            VenueProtocol protocol = adapter.protocol(config.connectionSettings(e));
            if (recorder != null) {
                protocol = new RecordingProtocol(protocol, recorder);
            }
            PoolContext ctx = new PoolContext(config, e, protocol, processor, connectAttempts, ssl, sessionIds,
                    malformed, rejected, new ControlBudget(config.controlMessages(), config.controlRecoveryMillis(),
                    ControlBudget::monotonicMillis));
            list.add(new EndpointPool(ctx, group));
        }
        this.endpoints = List.copyOf(list);
    }

    /**
     * Starts a pool: per endpoint, its {@code minConnections} connections, symbols spread by its ring.
     *
     * @param config  the venue's pool settings
     * @param group   event loops for the sockets (not owned)
     * @param publish where processed events go (called on the venue's processing thread)
     */
    public static FeedPool start(PoolConfig config, EventLoopGroup group, Consumer<MarketEvent> publish) {
        return start(config, group, publish, null);
    }

    /**
     * Starts a pool whose traffic is also recorded: every text frame as it enters a socket, every ownership marker,
     * every REST snapshot as it returns.
     *
     * @param recorder the venue's recorder, or null for none
     */
    public static FeedPool start(PoolConfig config, EventLoopGroup group, Consumer<MarketEvent> publish,
                                 VenueRecorder recorder) {
        return start(config, group, publish, recorder, Map.of());
    }

    /**
     * Starts a pool whose trade topics continue from {@code resumeTrades} (each topic's last trade or gap as the
     * broker keeps it): a shard's new owner backfills what the old owner never published, and its candles continue
     * the open ones {@code resumeTrades} holds ({@link VenueProcessor#resume}).
     */
    public static FeedPool start(PoolConfig config, EventLoopGroup group, Consumer<MarketEvent> publish,
                                 VenueRecorder recorder, Map<Topic, MarketEvent> resumeTrades) {
        FeedPool pool = new FeedPool(config, group, publish, recorder);
        pool.processor.resume(resumeTrades);
        pool.scheduler.execute(() -> pool.endpoints.forEach(EndpointPool::start));
        pool.scheduler.scheduleWithFixedDelay(pool::tick, config.autoscaleIntervalMillis(),
                config.autoscaleIntervalMillis(), TimeUnit.MILLISECONDS);
        return pool;
    }

    /**
     * The processing settings a pool with {@code config} runs its venue's processor with (a replay of its recording
     * runs the same), stale-symbol detection aside (the pool adds its {@link PoolConfig#stale()}).
     */
    public static ProcessorConfig processorConfig(PoolConfig config) {
        VenueAdapter adapter = Venues.adapter(config.venue());
        boolean venueTop = config.channels().stream().anyMatch(adapter::carriesTopOfBook);
        return new ProcessorConfig(config.queueCapacity(), DeclaredTopics.builtIntervals(config),
                BookSyncConfig.defaults().withPublishTop(!venueTop).withSnapshotDepth(config.publishedBookDepth()),
                DeclaredTopics.candleSource(config));
    }

    private static SslContext ssl(PoolConfig config) {
        boolean tls = config.endpoints().stream().anyMatch(e -> e.url().toLowerCase().startsWith("wss"))
                || (config.restUrl() != null && config.restUrl().toLowerCase().startsWith("https"));
        if (!tls) {
            return null;
        }
        try {
            return SslContextBuilder.forClient().build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS for " + config.url() + ": " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- pool thread

    /** The pool's periodic work, every {@code autoscaleIntervalMillis}: each endpoint's. */
    private void tick() {
        if (closed) {
            return;
        }
        for (EndpointPool e : endpoints) {
            e.tick();
        }
    }

    /** Adds ({@code +1}) or removes ({@code -1}) one connection of the first endpoint (for tests). */
    void resize(int delta) {
        endpoints.get(0).resize(delta);
    }

    private void resubscribeBook(long session, String instId) {
        resyncPacer.submit(instId, () -> {
            for (FeedConnection c : connections()) {
                c.resubscribeBook(session, instId);
            }
        });
    }

    /** Stale symbols' resubscriptions and recycles, handed to the connection that owns the socket. */
    private final class StaleActions implements StaleHandler {

        @Override
        public void resubscribe(long session, List<String> symbols) {
            for (FeedConnection c : connections()) {
                c.resubscribeStale(session, symbols);
            }
        }

        @Override
        public void recycle(long session) {
            for (FeedConnection c : connections()) {
                c.recycle(session);
            }
        }
    }

    // ---------------------------------------------------------------- views

    /** Every connection of every endpoint as {@code /api/v1/feeds} shows it (primary endpoint first). */
    public List<ConnectionView> views() {
        List<ConnectionView> out = new ArrayList<>();
        for (FeedConnection c : connections()) {
            out.add(c.view());
        }
        return out;
    }

    /** The endpoints the pool connects to (those carrying configured channels), primary first. */
    public List<EndpointConfig> endpoints() {
        return config.endpoints();
    }

    /** Connections of one endpoint (by name) in a state (for metrics). */
    public long connections(String endpoint, ConnectionState state) {
        long n = 0;
        for (EndpointPool e : endpoints) {
            if (e.endpoint().name().equals(endpoint)) {
                for (FeedConnection c : e.connections()) {
                    if (c.state() == state) {
                        n++;
                    }
                }
            }
        }
        return n;
    }

    private List<FeedConnection> connections() {
        if (endpoints.size() == 1) {
            return endpoints.get(0).connections();
        }
        List<FeedConnection> out = new ArrayList<>();
        for (EndpointPool e : endpoints) {
            out.addAll(e.connections());
        }
        return out;
    }

    /** True when every connection of every endpoint is up (connected, subscriptions verified). */
    public boolean ready() {
        for (EndpointPool e : endpoints) {
            if (!e.ready()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Readiness: null when fine, else what is wrong: the processing thread stopped, its queue is 90 % full, no data
     * for {@code silenceMillis}, or a connection is not up.
     */
    public String problem() {
        String venue = config.venue().source();
        if (processor.threadStopped()) {
            return venue + " processing thread stopped";
        }
        int depth = processor.queueDepth();
        int capacity = processor.queueCapacity();
        if (depth >= capacity - capacity / 10) {
            return venue + " processing queue full (" + depth + " of " + capacity + " items)";
        }
        long silent = processor.millisSinceData();
        if (silent > config.silenceMillis()) {
            return venue + " silent for " + silent + " ms (threshold " + config.silenceMillis() + " ms)";
        }
        for (EndpointPool e : endpoints) {
            if (e.connections().isEmpty()) {
                return venue + " has no connection" + (e.endpoint().primary() ? ""
                        : " to its " + e.endpoint().name() + " endpoint");
            }
        }
        for (FeedConnection c : connections()) {
            if (c.state() != ConnectionState.UP) {
                return venue + " connection " + c.name() + " is " + c.state().name().toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    /** Connections in a state, all endpoints (for metrics). */
    public long connections(ConnectionState state) {
        long n = 0;
        for (FeedConnection c : connections()) {
            if (c.state() == state) {
                n++;
            }
        }
        return n;
    }

    /**
     * Number of connections of the first endpoint ({@link #endpoints()}; not counting ones draining after a
     * scale-down): what {@link #scaleUp()} and {@link #scaleDown()} change.
     */
    public int size() {
        return endpoints.get(0).connections().size();
    }

    /** Number of connections of every endpoint (not counting ones draining after a scale-down). */
    public int totalConnections() {
        return connections().size();
    }

    public long reconnects() {
        long n = 0;
        for (FeedConnection c : connections()) {
            n += c.reconnects();
        }
        return n;
    }

    public long rotations() {
        long n = 0;
        for (FeedConnection c : connections()) {
            n += c.rotations();
        }
        return n;
    }

    /** Symbols moved by rate rebalancing (not counting resizes), all endpoints. */
    public long rebalanceMoves() {
        long n = 0;
        for (EndpointPool e : endpoints) {
            n += e.rebalanceMoves();
        }
        return n;
    }

    /** Symbols stale now, over all connections (see {@link io.tickgate.feed.pipeline.StaleRule}). */
    public int staleSymbols() {
        return processor.staleSymbols().size();
    }

    /** Subscriptions the venue rejected. */
    public long rejectedSubscriptions() {
        return rejected.sum();
    }

    /**
     * Control messages a new socket may send per control window: the configured budget, halved each time the venue
     * closed a socket for sending too many messages (Binance 1008), doubled back (up to the configured one) after each
     * {@code controlRecoveryMillis} without such a close. Sockets already open keep the budget they were opened with.
     */
    public int controlBudget() {
        return endpoints.get(0).context().controlBudget().current();
    }

    /** True when the venue's books are synced from REST snapshots (Binance with a {@code restUrl}). */
    public boolean restSnapshots() {
        return snapshotPacer != null;
    }

    /** REST snapshot requests the venue refused with HTTP 429 (request weight used up). */
    public long snapshotsRateLimited() {
        return snapshotPacer == null ? 0 : snapshotPacer.rateLimited();
    }

    /** REST snapshot requests the venue refused with HTTP 418 (IP banned). */
    public long snapshotsBanned() {
        return snapshotPacer == null ? 0 : snapshotPacer.banned();
    }

    /** Milliseconds until REST snapshot requests may start again after a 429/418; 0 when none is held. */
    public long snapshotHoldMillis() {
        return snapshotPacer == null ? 0 : snapshotPacer.holdRemainingMillis();
    }

    /** REST snapshots per second in force (lowered after a 429/418, recovering to {@code snapshotsPerSecond}). */
    public double snapshotsPerSecond() {
        return snapshotPacer == null ? 0 : snapshotPacer.permitsPerSecond();
    }

    /** True when trades missed across reconnects are backfilled from the venue's REST trade history. */
    public boolean tradeBackfill() {
        return tradeHistory;
    }

    /** Frames that could not be decoded. */
    public long malformedFrames() {
        return malformed.sum();
    }

    /** Connection attempts made (all connections of all endpoints: one budget per venue). */
    public long connectAttempts() {
        return connectAttempts.acquired();
    }

    /**
     * Milliseconds until connection attempts may start again after the venue's 429 {@code Retry-After} (0 = not
     * held): every connection of the venue waits it out, whichever of them got the 429.
     */
    public long connectHoldMillis() {
        return connectAttempts.pausedMillis(System.currentTimeMillis());
    }

    public VenueProcessor processor() {
        return processor;
    }

    public PoolConfig config() {
        return config;
    }

    public Venue venue() {
        return config.venue();
    }

    /**
     * Adds one connection to the first endpoint now (autoscaling does this by itself, per endpoint; for operators
     * and tests).
     */
    public void scaleUp() {
        scheduler.execute(() -> endpoints.get(0).scaleUp());
    }

    /**
     * Removes one connection of the first endpoint now, moving its symbols make-before-break; not below
     * {@code minConnections}, nor below what the stream cap needs ({@link PoolConfig#requiredConnections()}).
     */
    public void scaleDown() {
        scheduler.execute(() -> endpoints.get(0).scaleDown());
    }

    @Override
    public void close() {
        closed = true;
        try {
            scheduler.submit(() -> endpoints.forEach(EndpointPool::close)).get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debug("closing connections", e);
        }
        scheduler.shutdownNow();
        if (snapshotPacer != null) {
            snapshotPacer.close();
        }
        resyncPacer.close();
        if (tradePacer != null) {
            tradePacer.close();
        }
        processor.close();
    }
}
