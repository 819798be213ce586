package io.tickgate.feed.pool;

import io.tickgate.model.venue.Venue;

import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.tickgate.feed.connection.ConnectionState;
import io.tickgate.feed.connection.SlidingWindowLimiter;
import io.tickgate.feed.pipeline.ProcessorConfig;
import io.tickgate.feed.pipeline.VenueProcessor;
import io.tickgate.feed.record.RecordingProtocol;
import io.tickgate.feed.record.RecordingSnapshotSource;
import io.tickgate.feed.record.VenueRecorder;
import io.tickgate.feed.venue.VenueAdapter;
import io.tickgate.feed.venue.VenueProtocol;
import io.tickgate.feed.venue.Venues;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.processing.book.BookSyncConfig;
import io.tickgate.processing.book.SnapshotPacer;
import io.tickgate.processing.book.SnapshotSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * One venue's connection pool: symbols spread over {@code min..max} {@link FeedConnection}s by a consistent-hash ring
 * with virtual nodes (weighted by observed message rates when the pool is resized; when the rates drift without a
 * resize, the fewest symbols move to even out the load, see {@link Rebalancer}), a shared connection-attempt
 * budget, and one {@link VenueProcessor} (book sync, candles, de-duplication, publishing). Autoscaling adds a
 * connection when connections carry too many messages or the processing queue backs up, and removes one when idle,
 * with a cooldown; moved symbols are taken over make-before-break.
 *
 * <pre>{@code
 * FeedPool pool = FeedPool.start(PoolConfig.builder(Venue.BINANCE).url("ws://127.0.0.1:9100")
 *         .restUrl("http://127.0.0.1:9100").symbols(List.of("BTCUSDT")).build(), eventLoops, broker::publish);
 * pool.views();   // per connection: state, health, symbols, ...
 * }</pre>
 */
public final class FeedPool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FeedPool.class);

    private final PoolConfig config;
    private final EventLoopGroup group;
    private final ScheduledExecutorService scheduler;
    private final SnapshotPacer snapshotPacer;
    private final SnapshotPacer resyncPacer;
    private final VenueProcessor processor;
    private final PoolContext ctx;
    private final ConsistentHashRing ring;
    private final Map<String, FeedConnection> connections = new LinkedHashMap<>();
    private final Map<String, String> assignment = new HashMap<>();
    private final List<FeedConnection> draining = new ArrayList<>();
    private volatile List<FeedConnection> snapshot = List.of();
    private int nextIndex;
    private long lastScaleAt;
    private long lastRebalanceAt = System.currentTimeMillis();
    private volatile long rebalanceMoves;
    private long lastMessages = -1;
    private long lastMessagesAt;
    private volatile boolean closed;

    private FeedPool(PoolConfig config, EventLoopGroup group, Consumer<MarketEvent> publish,
                     VenueRecorder recorder) {
        this.config = Objects.requireNonNull(config, "config");
        this.group = Objects.requireNonNull(group, "group");
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tickgate-feed-pool-" + config.venue().source());
            t.setDaemon(true);
            return t;
        });
        SslContext ssl = ssl(config);
        VenueAdapter adapter = Venues.adapter(config.venue());
        VenueProtocol protocol = adapter.protocol(config.connectionSettings());
        SnapshotSource rest = adapter.snapshots(config.restUrl(), config.depthLimit(), group, ssl);
        if (recorder != null) {
            protocol = new RecordingProtocol(protocol, recorder);
            rest = rest == null ? null : new RecordingSnapshotSource(rest, recorder);
        }
        SnapshotSource snapshots = null;
        if (rest != null) {
            snapshotPacer = new SnapshotPacer(new SnapshotPacer.Config(config.snapshotBurst(),
                    config.snapshotsPerSecond(), config.snapshotRecoveryMillis()), scheduler, System::nanoTime);
            snapshots = snapshotPacer.pace(rest);
        } else {
            snapshotPacer = null;
        }
        resyncPacer = new SnapshotPacer(SnapshotPacer.Config.okx(), scheduler, System::nanoTime);
        this.processor = new VenueProcessor(config.venue(), processorConfig(config), publish, adapter::bookSync,
                snapshots, this::resubscribeBook);
        if (recorder != null) {
            processor.tapMarkers(recorder::marker);
        }
        this.ctx = new PoolContext(config, protocol, processor,
                new SlidingWindowLimiter(config.connectAttempts(), config.connectWindowMillis()), ssl,
                new AtomicLong(), new LongAdder(), new LongAdder(), new ControlBudget(config.controlMessages(),
                        config.controlRecoveryMillis(), ControlBudget::monotonicMillis));
        this.ring = new ConsistentHashRing(config.virtualNodes());
    }

    /**
     * Starts a pool: {@code minConnections} connections, symbols spread by the ring.
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
        FeedPool pool = new FeedPool(config, group, publish, recorder);
        pool.scheduler.execute(pool::startConnections);
        pool.scheduler.scheduleWithFixedDelay(pool::tick, config.autoscaleIntervalMillis(),
                config.autoscaleIntervalMillis(), TimeUnit.MILLISECONDS);
        return pool;
    }

    /**
     * The processing settings a pool with {@code config} runs its venue's processor with (a replay of its recording
     * runs the same).
     */
    public static ProcessorConfig processorConfig(PoolConfig config) {
        VenueAdapter adapter = Venues.adapter(config.venue());
        boolean venueTop = config.channels().stream().anyMatch(adapter::carriesTopOfBook);
        return new ProcessorConfig(config.queueCapacity(), ProcessorConfig.defaults().klineIntervals(),
                BookSyncConfig.defaults().withPublishTop(!venueTop));
    }

    private static SslContext ssl(PoolConfig config) {
        boolean tls = config.url().toLowerCase().startsWith("wss")
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

    private void startConnections() {
        int start = config.requiredConnections();
        if (start > config.minConnections()) {
            LOG.info("feed pool {}: {} symbols x {} channels need {} connections of at most {} streams: starting {}"
                    + " (minConnections {})", config.venue().source(), config.symbols().size(),
                    config.channels().size(), start, config.maxStreamsPerConnection(), start, config.minConnections());
        }
        for (int i = 0; i < start; i++) {
            ring.addNode(nodeName(nextIndex++));
        }
        Map<String, String> a = ring.assign(config.symbols(), s -> 1.0, config.loadSlack(),
                config.maxSymbolsPerConnection());
        assignment.putAll(a);
        for (String node : ring.nodes()) {
            List<String> mine = new ArrayList<>();
            for (String s : config.symbols()) {
                if (node.equals(a.get(s))) {
                    mine.add(s);
                }
            }
            addConnection(node, mine, Map.of());
        }
        LOG.info("feed pool {}: {} symbols over {} connections to {}", config.venue().source(),
                config.symbols().size(), connections.size(), config.url());
    }

    private FeedConnection addConnection(String node, List<String> symbols, Map<String, FeedConnection> from) {
        FeedConnection c = new FeedConnection(node, ctx, group.next(), symbols, from);
        connections.put(node, c);
        snapshot = List.copyOf(connections.values());
        c.start();
        return c;
    }

    /** The pool's periodic work, every {@code autoscaleIntervalMillis}. */
    private void tick() {
        if (closed) {
            return;
        }
        relaxControlBudget();
        autoscale();
    }

    /** After a quiet period without a 1008 for too many messages, new sockets get a larger control budget again. */
    private void relaxControlBudget() {
        int raised = ctx.controlBudget().relax();
        if (raised > 0) {
            LOG.info("feed pool {}: no close for too many messages in {} ms: control budget for new sockets raised to "
                    + "{} per {} ms (configured {})", config.venue().source(), config.controlRecoveryMillis(), raised,
                    config.controlWindowMillis(), config.controlMessages());
        }
    }

    private void autoscale() {
        try {
            finishDraining();
            long now = System.currentTimeMillis();
            long messages = 0;
            for (FeedConnection c : connections.values()) {
                messages += c.messagesSeen();
            }
            double rate = 0;
            if (lastMessages >= 0 && now > lastMessagesAt) {
                rate = Math.max(0, messages - lastMessages) * 1000.0 / (now - lastMessagesAt);
            }
            lastMessages = messages;
            lastMessagesAt = now;
            if (now - lastScaleAt < config.scaleCooldownMillis() || connections.isEmpty()) {
                return;
            }
            double perConnection = rate / connections.size();
            boolean backlog = processor.queueDepth() > processor.queueCapacity() / 2;
            if ((perConnection > config.scaleUpMessagesPerSecond() || backlog)
                    && connections.size() < config.maxConnections()) {
                LOG.info("feed pool {}: scaling up ({} msg/s per connection, backlog {})", config.venue().source(),
                        Math.round(perConnection), processor.queueDepth());
                resize(+1);
                lastScaleAt = now;
            } else if (perConnection < config.scaleDownMessagesPerSecond() && !backlog && lastMessagesAt > 0
                    && connections.size() > config.requiredConnections() && rate > 0) {
                LOG.info("feed pool {}: scaling down ({} msg/s per connection)", config.venue().source(),
                        Math.round(perConnection));
                resize(-1);
                lastScaleAt = now;
            } else {
                maybeRebalance(now);
            }
        } catch (RuntimeException e) {
            LOG.warn("feed pool {}: autoscaling failed", config.venue().source(), e);
        }
    }

    /** Adds ({@code +1}) or removes ({@code -1}) one connection, moving as few symbols as the ring allows. */
    void resize(int delta) {
        String added = null;
        FeedConnection removed = null;
        if (delta > 0) {
            added = nodeName(nextIndex++);
            ring.addNode(added);
        } else {
            String last = null;
            for (String n : connections.keySet()) {
                last = n;
            }
            removed = connections.remove(last);
            ring.removeNode(last);
            draining.add(removed);
        }
        Map<String, Double> rates = processor.symbolRates();
        int cap = config.maxSymbolsPerConnection();
        Map<String, String> next = new HashMap<>(ring.assign(config.symbols(), s -> rates.getOrDefault(s, 1.0),
                config.loadSlack(), cap));
        // move only what must move: onto the added connection, or off the removed one
        String gone = removed == null ? null : removed.name();
        for (String s : config.symbols()) {
            String before = assignment.get(s);
            if (before != null && !before.equals(gone) && !next.get(s).equals(added)) {
                next.put(s, before);
            }
        }
        fitStreamCap(next, gone, cap);
        Map<String, Map<String, List<String>>> moves = new LinkedHashMap<>(); // to → from → symbols
        for (String s : config.symbols()) {
            String before = assignment.get(s);
            String after = next.get(s);
            if (!Objects.equals(before, after)) {
                moves.computeIfAbsent(after, k -> new LinkedHashMap<>())
                        .computeIfAbsent(before, k -> new ArrayList<>()).add(s);
            }
        }
        assignment.clear();
        assignment.putAll(next);
        int moved = 0;
        for (Map.Entry<String, Map<String, List<String>>> to : moves.entrySet()) {
            List<String> all = new ArrayList<>();
            Map<String, FeedConnection> from = new HashMap<>();
            for (Map.Entry<String, List<String>> f : to.getValue().entrySet()) {
                FeedConnection src = f.getKey() == null ? null : find(f.getKey(), removed);
                for (String s : f.getValue()) {
                    all.add(s);
                    if (src != null) {
                        from.put(s, src);
                    }
                }
            }
            moved += all.size();
            if (to.getKey().equals(added)) {
                addConnection(added, all, from);
            } else {
                FeedConnection dst = connections.get(to.getKey());
                Map<FeedConnection, List<String>> bySource = new HashMap<>();
                for (String s : all) {
                    bySource.computeIfAbsent(from.get(s), k -> new ArrayList<>()).add(s);
                }
                bySource.forEach((src, list) -> dst.adopt(list, src));
            }
        }
        if (added != null && !connections.containsKey(added)) {
            addConnection(added, List.of(), Map.of());
        }
        snapshot = List.copyOf(connections.values());
        LOG.info("feed pool {}: now {} connections, {} symbols moved", config.venue().source(), connections.size(),
                moved);
    }

    /** Moves the fewest symbols that even out the connections' loads when rates drifted (see {@link Rebalancer}). */
    private void maybeRebalance(long now) {
        long interval = config.rebalanceIntervalMillis();
        if (interval <= 0 || now - lastRebalanceAt < interval || now - lastScaleAt < interval
                || !draining.isEmpty() || connections.size() < 2 || !ready()) {
            return;
        }
        lastRebalanceAt = now;
        Map<String, Double> rates = processor.symbolRates();
        Map<String, String> moves = Rebalancer.plan(assignment, connections.keySet(),
                s -> rates.getOrDefault(s, 0.0), config.rebalanceTrigger(),
                Math.max(1, config.symbols().size() / 10), config.maxSymbolsPerConnection());
        if (moves.isEmpty()) {
            return;
        }
        Map<String, Map<String, List<String>>> byPair = new LinkedHashMap<>(); // to → from → symbols
        for (Map.Entry<String, String> m : moves.entrySet()) {
            byPair.computeIfAbsent(m.getValue(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(assignment.get(m.getKey()), k -> new ArrayList<>()).add(m.getKey());
            assignment.put(m.getKey(), m.getValue());
        }
        byPair.forEach((to, from) -> from.forEach((src, list) -> connections.get(to).adopt(list,
                connections.get(src))));
        rebalanceMoves += moves.size();
        LOG.info("feed pool {}: rebalanced by message rate, {} symbols moved: {}", config.venue().source(),
                moves.size(), moves);
    }

    /**
     * Keeping the symbols that need not move can leave a connection that receives some of a removed connection's
     * symbols above the stream cap: those then go to the connections with the most room instead.
     */
    private void fitStreamCap(Map<String, String> next, String gone, int cap) {
        if (cap == Integer.MAX_VALUE) {
            return;
        }
        Map<String, Integer> count = new HashMap<>();
        connections.keySet().forEach(n -> count.put(n, 0));
        next.values().forEach(n -> count.merge(n, 1, Integer::sum));
        List<String> ordered = new ArrayList<>(config.symbols());
        ordered.sort(null);
        for (String s : ordered) {
            String to = next.get(s);
            String before = assignment.get(s);
            boolean arriving = before == null || before.equals(gone);
            if (!arriving || count.get(to) <= cap) {
                continue;
            }
            String roomiest = null;
            for (Map.Entry<String, Integer> e : count.entrySet()) {
                if (roomiest == null || e.getValue() < count.get(roomiest)) {
                    roomiest = e.getKey();
                }
            }
            count.merge(to, -1, Integer::sum);
            count.merge(roomiest, 1, Integer::sum);
            next.put(s, roomiest);
        }
    }

    private FeedConnection find(String node, FeedConnection removed) {
        FeedConnection c = connections.get(node);
        if (c == null && removed != null && removed.name().equals(node)) {
            return removed;
        }
        return c;
    }

    private void finishDraining() {
        draining.removeIf(c -> {
            if (c.view().symbols().isEmpty()) {
                c.close();
                LOG.info("feed pool {}: {} drained and closed", config.venue().source(), c.name());
                return true;
            }
            return false;
        });
    }

    private void resubscribeBook(long session, String instId) {
        resyncPacer.submit(instId, () -> {
            for (FeedConnection c : snapshot) {
                c.resubscribeBook(session, instId);
            }
        });
    }

    private String nodeName(int i) {
        return config.venue().source() + "-" + i;
    }

    // ---------------------------------------------------------------- views

    /** Every connection as {@code /api/v1/feeds} shows it. */
    public List<ConnectionView> views() {
        List<ConnectionView> out = new ArrayList<>();
        for (FeedConnection c : snapshot) {
            out.add(c.view());
        }
        return out;
    }

    /** True when every connection is up (connected, subscriptions verified). */
    public boolean ready() {
        List<FeedConnection> list = snapshot;
        if (list.isEmpty()) {
            return false;
        }
        for (FeedConnection c : list) {
            if (c.state() != ConnectionState.UP) {
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
        List<FeedConnection> list = snapshot;
        if (list.isEmpty()) {
            return venue + " has no connection";
        }
        for (FeedConnection c : list) {
            if (c.state() != ConnectionState.UP) {
                return venue + " connection " + c.name() + " is " + c.state().name().toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    /** Connections in a state (for metrics). */
    public long connections(ConnectionState state) {
        long n = 0;
        for (FeedConnection c : snapshot) {
            if (c.state() == state) {
                n++;
            }
        }
        return n;
    }

    /** Number of connections (not counting ones draining after a scale-down). */
    public int size() {
        return snapshot.size();
    }

    public long reconnects() {
        long n = 0;
        for (FeedConnection c : snapshot) {
            n += c.reconnects();
        }
        return n;
    }

    public long rotations() {
        long n = 0;
        for (FeedConnection c : snapshot) {
            n += c.rotations();
        }
        return n;
    }

    /** Symbols moved by rate rebalancing (not counting resizes). */
    public long rebalanceMoves() {
        return rebalanceMoves;
    }

    /** Subscriptions the venue rejected. */
    public long rejectedSubscriptions() {
        return ctx.rejected().sum();
    }

    /**
     * Control messages a new socket may send per control window: the configured budget, halved each time the venue
     * closed a socket for sending too many messages (Binance 1008), doubled back (up to the configured one) after each
     * {@code controlRecoveryMillis} without such a close. Sockets already open keep the budget they were opened with.
     */
    public int controlBudget() {
        return ctx.controlBudget().current();
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

    /** Frames that could not be decoded. */
    public long malformedFrames() {
        return ctx.malformed().sum();
    }

    /** Connection attempts made (all connections). */
    public long connectAttempts() {
        return ctx.connectAttempts().acquired();
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

    /** Adds one connection now (autoscaling does this by itself; for operators and tests). */
    public void scaleUp() {
        scheduler.execute(() -> {
            if (connections.size() < config.maxConnections()) {
                resize(+1);
                lastScaleAt = System.currentTimeMillis();
            }
        });
    }

    /**
     * Removes one connection now, moving its symbols make-before-break; not below {@code minConnections}, nor below
     * what the stream cap needs ({@link PoolConfig#requiredConnections()}).
     */
    public void scaleDown() {
        scheduler.execute(() -> {
            if (connections.size() > config.requiredConnections()) {
                resize(-1);
                lastScaleAt = System.currentTimeMillis();
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        try {
            scheduler.submit(() -> {
                for (FeedConnection c : connections.values()) {
                    c.close();
                }
                for (FeedConnection c : draining) {
                    c.close();
                }
            }).get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debug("closing connections", e);
        }
        scheduler.shutdownNow();
        if (snapshotPacer != null) {
            snapshotPacer.close();
        }
        resyncPacer.close();
        processor.close();
    }
}
