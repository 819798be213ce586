package io.tickgate.feed.pipeline;

import io.tickgate.feed.backfill.BackfillCounters;
import io.tickgate.feed.backfill.TradeBackfill;
import io.tickgate.feed.backfill.TradeHistory;
import io.tickgate.model.venue.Venue;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.Kline;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.feed.backfill.TradeLine;
import io.tickgate.model.event.Trade;
import io.tickgate.model.event.TradeGap;
import io.tickgate.model.event.TradeIds;
import io.tickgate.model.topic.Channel;
import io.tickgate.model.topic.Topic;
import io.tickgate.processing.book.BookSync;
import io.tickgate.processing.book.BookSyncContext;
import io.tickgate.processing.book.BookSyncCounters;
import io.tickgate.processing.book.SnapshotSource;
import io.tickgate.processing.kline.KlineAggregator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One venue's processing thread: the single writer of every book, candle and trade-id cursor of the venue. The
 * venue's connections decode frames on their event loops and {@link #offer} the results here; this thread routes
 * them by symbol ownership ({@link FeedItem.Own}, {@link FeedItem.Candidate}, {@link FeedItem.Handoff}), de-duplicates
 * trades by id across make-before-break overlaps (raw and aggregated trades each by their own ids), backfills the
 * trades missed across reconnects and overflows ({@link TradeBackfill}: an id jump opens a hole), runs the
 * venue's {@link BookSync}, aggregates trades into candles and publishes to the bus.
 *
 * <p>A venue with several endpoints (OKX: books and trades on {@code /public}, candles on {@code /business}) has one
 * processor for all of them, so each topic still has one writer; ownership is kept per symbol and endpoint (the
 * endpoint is part of the socket id, {@link SessionIds}): the public socket that owns a symbol's books and the
 * business socket that owns its candles both deliver, and a reconnect of one resets only what it delivered.
 *
 * <p>Overflow policy: the queue holds at most {@code queueCapacity} data items; when full, new data is dropped and
 * counted ({@link #dropped()}) and the socket is never blocked. A dropped book update shows up as a sequence gap, so
 * the book resyncs itself; a dropped trade is lost and counted. Markers and tasks are never dropped.
 *
 * <p>Two ways to run the same logic: on its own thread (the constructor: live, the wall clock closes candles), or
 * {@link #driven driven} by the caller (replay): no thread, the caller offers items and then runs them with
 * {@link #runPending(long)} on its own thread, passing the time (the recorded receive time), which is then the clock
 * of every tick (candle closes, rates) exactly as the live loop would use the wall clock, and the monotonic clock of
 * the book sync and the backfill (a venue's stale-diff resync fires after 30 s of recorded time, not of replay time).
 */
public final class VenueProcessor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VenueProcessor.class);
    private static final long TICK_MILLIS = 250;
    /**
     * A quiet candle closes this long after its end (a trade of the next candle closes it at once): trades stamped
     * before the end that arrive up to this late (network latency, venue batching) still count in it.
     */
    static final long KLINE_CLOSE_GRACE_MILLIS = 1_000;
    private static final long RATE_MILLIS = 1000;

    private final Venue venue;
    private final ProcessorConfig config;
    private final Consumer<MarketEvent> publish;
    private final LinkedBlockingQueue<FeedItem> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger dataQueued = new AtomicInteger();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder processed = new LongAdder();
    private final BookSyncCounters bookCounters = new BookSyncCounters();
    /** Per endpoint index: symbol → which of that endpoint's sockets delivers it. */
    private final List<Map<String, SymbolRoute>> lanes = new ArrayList<>();
    private volatile Map<Topic, MarketEvent> resumeTrades = Map.of();
    private final Set<String> deliveredSymbols = new HashSet<>();
    private final Map<String, KlineAggregator> klines = new HashMap<>();
    private final BookSync books;
    private final TradeBackfill backfill;
    private final BackfillCounters backfillCounters = new BackfillCounters();
    private final StaleSymbols stale;
    private final Thread thread;
    private volatile Consumer<FeedItem> markerTap;
    private volatile Map<String, Double> rates = Map.of();
    private volatile List<Map<String, Double>> laneRates = List.of();
    private volatile int delivering;
    private volatile boolean running = true;
    private volatile long lastDataNanos;
    private long lastTick;
    private long lastRates;
    /** Live: the wall clock's monotonic time; driven: the time {@link #runPending} was given, in nanoseconds. */
    private final LongSupplier nanoClock;
    private long drivenMillis;
    private long nowNanos;

    /**
     * @param venue       whose data this processes
     * @param config      queue and processing settings
     * @param publish     where finished events go (the broker); called on this thread only
     * @param bookSync    builds the venue's book sync (its adapter's {@code bookSync})
     * @param snapshots   REST depth snapshots, already paced; null when the venue has none
     * @param resubscribe asked with (owning socket, symbol) to subscribe a book again after a gap, for venues whose
     *                    snapshots come in-band; may be null
     */
    public VenueProcessor(Venue venue, ProcessorConfig config, Consumer<MarketEvent> publish,
                          Function<BookSyncContext, BookSync> bookSync, SnapshotSource snapshots,
                          BiConsumer<Long, String> resubscribe) {
        this(venue, config, publish, bookSync, snapshots, resubscribe, StaleHandler.NONE);
    }

    /**
     * As above, and {@code staleHandler} is asked to resubscribe stale symbols or recycle their socket, by
     * {@link ProcessorConfig#stale()}.
     */
    public VenueProcessor(Venue venue, ProcessorConfig config, Consumer<MarketEvent> publish,
                          Function<BookSyncContext, BookSync> bookSync, SnapshotSource snapshots,
                          BiConsumer<Long, String> resubscribe, StaleHandler staleHandler) {
        this(venue, config, publish, bookSync, snapshots, resubscribe, staleHandler, true);
    }

    /**
     * A processor without a thread of its own, run by the caller: {@link #offer} items (and tasks arrive through
     * {@link #execute}), then {@link #runPending(long)} processes them on the calling thread, which is then the
     * processing thread (books, candles and routes may be read there, e.g. {@link #bookSync()}). Same parameters as
     * the constructor; deterministic when the snapshot source is. No stale-symbol handling (no sockets to act on).
     */
    public static VenueProcessor driven(Venue venue, ProcessorConfig config, Consumer<MarketEvent> publish,
                                        Function<BookSyncContext, BookSync> bookSync, SnapshotSource snapshots,
                                        BiConsumer<Long, String> resubscribe) {
        return new VenueProcessor(venue, config, publish, bookSync, snapshots, resubscribe, StaleHandler.NONE,
                false);
    }

    private VenueProcessor(Venue venue, ProcessorConfig config, Consumer<MarketEvent> publish,
                           Function<BookSyncContext, BookSync> bookSync, SnapshotSource snapshots,
                           BiConsumer<Long, String> resubscribe, StaleHandler staleHandler, boolean ownThread) {
        this.venue = Objects.requireNonNull(venue, "venue");
        this.config = Objects.requireNonNull(config, "config");
        this.publish = Objects.requireNonNull(publish, "publish");
        BiConsumer<Long, String> resub = resubscribe == null ? (s, i) -> { } : resubscribe;
        this.nanoClock = ownThread ? System::nanoTime : () -> TimeUnit.MILLISECONDS.toNanos(drivenMillis);
        this.nowNanos = nanoClock.getAsLong();
        this.lastDataNanos = nowNanos;
        this.stale = new StaleSymbols(config.stale(), Objects.requireNonNull(staleHandler, "staleHandler"));
        this.books = bookSync.apply(new BookSyncContext(this::execute, this::emit, bookCounters, config.bookSync(),
                snapshots, symbol -> {
                    long owner = bookOwner(symbol);
                    if (owner != 0) {
                        resub.accept(owner, symbol);
                    }
                }, nanoClock));
        this.backfill = new TradeBackfill(null, config.backfill(), this::execute, this::emit, backfillCounters,
                nanoClock);
        if (ownThread) {
            thread = new Thread(this::run, "tickgate-feed-" + venue.source());
            thread.setDaemon(true);
            thread.start();
        } else {
            thread = null;
        }
    }

    /**
     * Hands an item over; never blocks.
     *
     * @return false if the item was data and the queue was full (it is dropped and counted)
     */
    public boolean offer(FeedItem item) {
        if (item.isData()) {
            if (dataQueued.incrementAndGet() > config.queueCapacity()) {
                dataQueued.decrementAndGet();
                dropped.increment();
                return false;
            }
        } else {
            Consumer<FeedItem> tap = markerTap;
            if (tap != null && !(item instanceof FeedItem.Task)) {
                tap.accept(item);
            }
        }
        queue.add(item);
        return true;
    }

    /**
     * Also hands every ownership marker ({@link FeedItem.Own}, {@link FeedItem.Candidate}, {@link FeedItem.Handoff})
     * to {@code tap} as it is offered, on the offering thread (a recording; never data, never tasks). Null: none.
     */
    public void tapMarkers(Consumer<FeedItem> tap) {
        markerTap = tap;
    }

    /**
     * Driven processors only: processes every queued item (and the tasks they queue, such as snapshot completions)
     * on the calling thread, with {@code nowMillis} as the time: before the first item, and after each, the candles
     * and rates are ticked as the live loop ticks them every 250 ms (a tick before the items stands for the ticks the
     * live loop makes while it waits for data).
     *
     * @return the number of items processed
     */
    public int runPending(long nowMillis) {
        if (thread != null) {
            throw new IllegalStateException("this processor runs on its own thread");
        }
        drivenMillis = Math.max(drivenMillis, nowMillis);
        maybeTick(nowMillis);
        int n = 0;
        FeedItem item;
        while ((item = queue.poll()) != null) {
            take(item);
            maybeTick(nowMillis);
            n++;
        }
        return n;
    }

    /**
     * The venue's book sync. Read it on the processing thread only: inside a task ({@link #execute}), or, for a
     * {@link #driven driven} processor, on the thread that calls {@link #runPending}.
     */
    public BookSync bookSync() {
        return books;
    }

    /** Runs a task on the processing thread. */
    public void execute(Runnable task) {
        queue.add(new FeedItem.Task(task));
    }

    /** True when the processing thread ended while it should run (an Error escaped it). */
    public boolean threadStopped() {
        return running && thread != null && !thread.isAlive();
    }

    /** Milliseconds since the last data item was taken off the queue (since start when none was). */
    public long millisSinceData() {
        return TimeUnit.NANOSECONDS.toMillis(nanoClock.getAsLong() - lastDataNanos);
    }

    /** Data items waiting (the backlog). */
    public int queueDepth() {
        return dataQueued.get();
    }

    public int queueCapacity() {
        return config.queueCapacity();
    }

    /** Data items dropped because the queue was full. */
    public long dropped() {
        return dropped.sum();
    }

    /** Items dropped as duplicates (trade ids seen, leftovers of replaced sockets). */
    public long duplicates() {
        return duplicates.sum();
    }

    /** Data items processed. */
    public long processed() {
        return processed.sum();
    }

    /**
     * From now on, trades missed across reconnects, rotations and queue overflows are fetched from {@code history}
     * (already paced under the venue's REST limits) instead of only being announced as gaps. Takes effect on the
     * processing thread, in queue order: call it before the connections start.
     */
    public void tradeHistory(TradeHistory history) {
        execute(() -> backfill.history(history));
    }

    /** Trade backfills running: topics whose live trades are held behind a hole being fetched. */
    public int backfillsRunning() {
        return backfill.running();
    }

    /** What trade backfills did: trades recovered, gap notices, time. */
    public BackfillCounters backfillCounters() {
        return backfillCounters;
    }

    public BookSyncCounters bookCounters() {
        return bookCounters;
    }

    /** Symbols that delivered data at least once. */
    public int deliveringSymbols() {
        return delivering;
    }

    /**
     * Publishes every synced book's current state as a full {@link io.tickgate.model.event.BookSnapshot} (on the
     * processing thread): for a subscriber that started listening after the books were synced.
     */
    public void republishBooks() {
        execute(() -> bookSnapshots().forEach(this::emit));
    }

    /**
     * Every synced book's current state as a full {@link BookSnapshot}, at the published depth. Call on the
     * processing thread only (a task, {@link #execute}).
     */
    public List<BookSnapshot> bookSnapshots() {
        List<BookSnapshot> out = new ArrayList<>();
        for (String s : books.symbols()) {
            if (books.isSynced(s)) {
                out.add(books.book(s).snapshot(config.bookSync().snapshotDepth()));
            }
        }
        return out;
    }

    /** Observed messages per second per symbol over all endpoints (refreshed every second). */
    public Map<String, Double> symbolRates() {
        return rates;
    }

    /**
     * Observed messages per second per symbol from one endpoint's sockets (refreshed every second), for weighting
     * that endpoint's hash ring.
     */
    public Map<String, Double> symbolRates(int endpoint) {
        List<Map<String, Double>> r = laneRates;
        return endpoint < r.size() ? r.get(endpoint) : Map.of();
    }

    public Venue venue() {
        return venue;
    }

    /** The symbols stale at the last check (once a second; see {@link StaleRule}). */
    public List<StaleSymbol> staleSymbols() {
        return stale.current();
    }

    /** Stale episodes detected. */
    public long staleDetected() {
        return stale.detected();
    }

    /** Symbols resubscribed because they were stale. */
    public long staleResubscribes() {
        return stale.resubscribed();
    }

    /** Connection recycles asked for because a symbol stayed stale after its resubscriptions. */
    public long staleRecycles() {
        return stale.recycled();
    }

    // ---------------------------------------------------------------- processing thread

    private void run() {
        while (running) {
            FeedItem item;
            try {
                item = queue.poll(TICK_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (item != null) {
                take(item);
            }
            maybeTick(System.currentTimeMillis());
        }
    }

    private void take(FeedItem item) {
        try {
            nowNanos = nanoClock.getAsLong();
            if (item.isData()) {
                dataQueued.decrementAndGet();
                lastDataNanos = nowNanos;
            }
            handle(item);
        } catch (RuntimeException e) {
            LOG.warn("{} processing failed on {}", venue.source(), item, e);
        }
    }

    private void maybeTick(long now) {
        if (now - lastTick >= TICK_MILLIS) {
            lastTick = now;
            try {
                tick(now);
            } catch (RuntimeException e) {
                LOG.warn("{} tick failed", venue.source(), e);
            }
        }
    }

    private void handle(FeedItem item) {
        if (item instanceof FeedItem.Task t) {
            t.task().run();
        } else if (item instanceof FeedItem.Own o) {
            for (String s : o.symbols()) {
                SymbolRoute r = route(o.session(), s);
                if (r.owner != o.session()) {
                    r.owner = o.session();
                    stale.onOwner(r, nowNanos);
                    if (r.books) {
                        resetBook(s); // the book came from this endpoint's sockets: it starts over
                    }
                }
                r.candidate = 0;
                r.held.clear();
            }
        } else if (item instanceof FeedItem.Candidate c) {
            for (String s : c.symbols()) {
                SymbolRoute r = route(c.session(), s);
                if (r.owner == 0) {
                    r.owner = c.session(); // nobody delivers it yet: no overlap to bridge
                    stale.onOwner(r, nowNanos);
                } else if (r.owner != c.session()) {
                    r.candidate = c.session();
                    r.held.clear();
                }
            }
        } else if (item instanceof FeedItem.Handoff h) {
            for (String s : h.symbols()) {
                handoff(route(h.to(), s), h.from(), h.to());
            }
        } else {
            data(item);
        }
    }

    private void handoff(SymbolRoute r, long from, long to) {
        if (from != -1 && r.owner != from) {
            return; // the owner changed since (e.g. the new socket reconnected and claimed it): stale handoff
        }
        if (r.owner != to) {
            stale.onOwner(r, nowNanos);
        }
        r.owner = to;
        if (r.candidate == to) {
            r.candidate = 0;
            List<FeedItem> held = new ArrayList<>(r.held);
            r.held.clear();
            for (FeedItem i : held) {
                data(i);
            }
        } else {
            r.held.clear();
        }
    }

    private void data(FeedItem item) {
        long session;
        String symbol;
        if (item instanceof FeedItem.Event e) {
            session = e.session();
            symbol = e.event().symbol();
        } else {
            FeedItem.Book b = (FeedItem.Book) item;
            session = b.session();
            symbol = b.symbol();
        }
        SymbolRoute r = lane(session).get(symbol);
        if (r == null || session != r.owner) {
            if (r != null && session == r.candidate) {
                r.hold(item);
            } else {
                duplicates.increment();
            }
            return;
        }
        processed.increment();
        r.messages++;
        stale.onData(r, nowNanos);
        if (!r.delivered) {
            r.delivered = true;
            if (deliveredSymbols.add(symbol)) {
                delivering++;
            }
        }
        if (item instanceof FeedItem.Event e) {
            event(r, e.event());
        } else {
            r.books = true;
            books.onMessage(((FeedItem.Book) item).message());
        }
    }

    private void event(SymbolRoute r, MarketEvent event) {
        if (event instanceof Trade t) {
            long id = TradeIds.parse(t.tradeId());
            if (id == TradeIds.NONE) {
                trade(t);
            } else if (!backfill.onLive(r.trades(t.aggregated()), t, id, this::trade)) {
                // raw and aggregated trades count ids separately: each kind is de-duplicated in its own id space
                duplicates.increment();
            }
        } else if (event instanceof Kline k && config.klineIntervals().contains(k.interval())) {
            return; // built from trades here; the venue's own candles of the same interval would double the topic
        } else {
            emit(event);
        }
    }

    /** Publishes a trade in its topic's id order (live, or backfilled ahead of the live ones) and builds candles. */
    private void trade(Trade t) {
        emit(t);
        if (t.channel() != config.candleSource()) {
            return; // candles come from one kind of trade only, or their volume would count twice
        }
        for (Kline kline : candles(t.symbol()).onTrade(t, backfill.recovering())) {
            emit(kline);
        }
    }

    private KlineAggregator candles(String symbol) {
        return klines.computeIfAbsent(symbol,
                s -> new KlineAggregator(venue.source(), s, config.klineIntervals(), KLINE_CLOSE_GRACE_MILLIS));
    }

    /**
     * Continues candles across a restart: each of {@code earlier} (one per symbol and interval, the part of the
     * candle open now that an earlier run saw, read back from the history store) is merged into the candle built
     * here, on the processing thread, and the merged candle is published. Safe at any time after start: the earlier
     * trades and this run's are disjoint, so the order in which they meet does not matter; a candle that closed
     * meanwhile stays as published.
     */
    public void seedCandles(List<Kline> earlier) {
        List<Kline> mine = earlier.stream().filter(k -> venue.source().equals(k.source())).toList();
        execute(() -> {
            for (Kline k : mine) {
                Kline merged = candles(k.symbol()).seed(k, System.currentTimeMillis());
                if (merged != null) {
                    emit(merged);
                }
            }
        });
    }

    private void resetBook(String symbol) {
        books.reset(symbol);
    }

    private void emit(MarketEvent e) {
        try {
            publish.accept(e);
        } catch (RuntimeException ex) {
            LOG.warn("publishing {} failed", e.topic(), ex);
        }
    }

    private void tick(long now) {
        backfill.tick();
        for (Map.Entry<String, KlineAggregator> e : klines.entrySet()) {
            if (backfill.holding(e.getKey(), config.candleSource())) {
                continue; // older trades are being backfilled: the candle closes with them, by trade or after
            }
            for (Kline kline : e.getValue().onTime(now)) {
                emit(kline);
            }
        }
        if (now - lastRates >= RATE_MILLIS) {
            double seconds = lastRates == 0 ? 1.0 : (now - lastRates) / 1000.0;
            lastRates = now;
            Map<String, Double> total = new HashMap<>();
            List<Map<String, Double>> perLane = new ArrayList<>(lanes.size());
            for (Map<String, SymbolRoute> lane : lanes) {
                Map<String, Double> next = new HashMap<>(lane.size() * 2);
                for (Map.Entry<String, SymbolRoute> e : lane.entrySet()) {
                    SymbolRoute r = e.getValue();
                    r.rate = 0.7 * r.rate + 0.3 * (r.messages / seconds);
                    r.messages = 0;
                    next.put(e.getKey(), r.rate);
                    total.merge(e.getKey(), r.rate, Double::sum);
                }
                perLane.add(Map.copyOf(next));
            }
            rates = Map.copyOf(total);
            laneRates = List.copyOf(perLane);
            stale.check(lanes, nanoClock.getAsLong());
        }
    }

    /** The routes of the endpoint a socket belongs to. */
    private Map<String, SymbolRoute> lane(long session) {
        int i = SessionIds.endpoint(session);
        while (lanes.size() <= i) {
            lanes.add(new HashMap<>());
        }
        return lanes.get(i);
    }

    private SymbolRoute route(long session, String symbol) {
        return lane(session).computeIfAbsent(symbol, this::newRoute);
    }

    private SymbolRoute newRoute(String symbol) {
        SymbolRoute r = new SymbolRoute();
        resume(r.trades, resumeTrades.get(Topic.of(venue.source(), symbol, Channel.TRADE)));
        resume(r.aggTrades, resumeTrades.get(Topic.of(venue.source(), symbol, Channel.AGG_TRADE)));
        return r;
    }

    private static void resume(TradeLine line, MarketEvent last) {
        if (last instanceof Trade t) {
            line.resume(TradeIds.parse(t.tradeId()), t.timestamp());
        } else if (last instanceof TradeGap g) {
            line.resume(TradeIds.parse(g.toId()), g.toTime());
        }
    }

    /**
     * The last event each trade topic carries in the broker (a {@link Trade} or a {@link TradeGap}), for a shard's
     * new owner: each symbol's trade ids continue from there (the hole to the first live trade is backfilled).
     * Call before the first data arrives.
     */
    public void resumeTrades(Map<Topic, MarketEvent> last) {
        resumeTrades = Map.copyOf(last);
    }

    /**
     * As {@link #resumeTrades}, for a shard's cold takeover: also each candle topic's open candle in {@code last} (the
     * old owner's part of it) is merged, unpublished, into the candle built here, so the candle the vacancy cut
     * closes with the old owner's trades and the backfilled ones together. Call before the first data arrives.
     */
    public void resume(Map<Topic, MarketEvent> last) {
        resumeTrades(last);
        List<Kline> open = new ArrayList<>();
        for (MarketEvent e : last.values()) {
            if (e instanceof Kline k && !k.closed() && venue.source().equals(k.source())
                    && config.klineIntervals().contains(k.interval())) {
                open.add(k);
            }
        }
        execute(() -> open.forEach(k -> candles(k.symbol()).seed(k, System.currentTimeMillis())));
    }

    /**
     * As {@link #resumeTrades}, also for the symbols already routed: each trade line that has published nothing yet
     * continues from the topic's last event in the broker (a standby taking over a topic its own connection has not
     * delivered a trade of: the hole to its first live trade is backfilled). Call on the processing thread only.
     */
    public void resumeTradesNow(Map<Topic, MarketEvent> last) {
        resumeTrades(last);
        for (Map<String, SymbolRoute> lane : lanes) {
            for (Map.Entry<String, SymbolRoute> e : lane.entrySet()) {
                resume(e.getValue().trades, last.get(Topic.of(venue.source(), e.getKey(), Channel.TRADE)));
                resume(e.getValue().aggTrades, last.get(Topic.of(venue.source(), e.getKey(), Channel.AGG_TRADE)));
            }
        }
    }

    /**
     * Publishes a standby's buffered trades of {@code topic} that the broker does not carry, continuing the topic from
     * {@code afterId} (sent at {@code afterTime}): the ids between never reached the standby, so they are backfilled
     * (or announced) as any hole, the buffered trades and the live ones after them held meanwhile
     * ({@link TradeBackfill#replay}). Call on the processing thread, right after the standby's takeover.
     */
    public void refill(Topic topic, long afterId, long afterTime, List<Trade> trades) {
        if (trades.isEmpty()) {
            return;
        }
        long first = TradeIds.parse(trades.get(0).tradeId());
        TradeLine line = null;
        for (Map<String, SymbolRoute> lane : lanes) {
            SymbolRoute r = lane.get(topic.symbol());
            TradeLine l = r == null ? null : r.trades(topic.channel() == Channel.AGG_TRADE);
            if (l != null && l.lastId() >= first) {
                line = l; // the route that delivered them
                break;
            }
        }
        backfill.replay(line == null ? new TradeLine() : line, afterId, afterTime, trades, this::emit, this::trade);
    }

    /** The socket that owns a symbol's books (the endpoint that delivered them; else any owner), 0 if none. */
    private long bookOwner(String symbol) {
        long any = 0;
        for (Map<String, SymbolRoute> lane : lanes) {
            SymbolRoute r = lane.get(symbol);
            if (r != null && r.owner != 0) {
                if (r.books) {
                    return r.owner;
                }
                any = any == 0 ? r.owner : any;
            }
        }
        return any;
    }

    @Override
    public void close() {
        running = false;
        if (thread == null) {
            return;
        }
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
