package io.tickgate.feed.venues.binance;

import io.tickgate.processing.book.DepthWindow;

import io.tickgate.processing.book.BookSync;

import io.tickgate.processing.book.SnapshotPacer;

import io.tickgate.processing.book.SyncStatus;

import io.tickgate.processing.book.TrackedBook;

import io.tickgate.processing.book.SnapshotSource;

import io.tickgate.processing.book.BookSyncCounters;

import io.tickgate.processing.book.BookSyncConfig;

import io.tickgate.model.book.OrderBook;
import io.tickgate.model.event.BookDelta;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.MarketEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Keeps Binance spot order books in sync exactly as Binance publishes it:
 * <ol>
 *   <li>buffer the diff events ({@code U}, {@code u}) of a symbol and fetch a REST snapshot through the
 *       {@link SnapshotSource};</li>
 *   <li>while the snapshot's {@code lastUpdateId} is below the first buffered event's {@code U}, fetch again;</li>
 *   <li>drop events with {@code u <= lastUpdateId}; the first applied event has {@code U <= lastUpdateId + 1 <= u};
 *       apply the rest (absolute quantities; zero removes the level);</li>
 *   <li>afterwards an event with {@code U > book.u + 1} is a gap: that one symbol is resynced.</li>
 * </ol>
 * Publishes a full {@link BookSnapshot} once a symbol is in sync, then each applied diff as a {@link BookDelta}
 * ({@code firstSequence = U}, {@code sequence = u}), and a BookTop when the best bid or ask changes.
 *
 * <p>Depth: a REST snapshot holds only the best {@code limit} levels per side, and a level deeper than that which
 * does not change is never sent again, so the local book is only known to be right near the top. With a
 * {@link BookSyncConfig#snapshotDepth()} below "all" (set it to at most the snapshot's {@code limit}), only the top
 * {@code snapshotDepth} levels per side are published: the snapshot is cut there, and the deltas keep subscribers'
 * copy equal to the local book's top (see {@link DepthWindow}); a diff touching only deeper levels changes the local
 * book and publishes nothing.
 *
 * <p>Single writer: all methods run on the owner thread; snapshot results are handed back through the
 * {@code owner} executor (the connection's event loop; {@code Runnable::run} in replay and tests).
 */
public final class BinanceBookSync implements BookSync {

    /** The topic source name. */
    public static final String SOURCE = "binance";

    private enum Phase { IDLE, AWAITING_SNAPSHOT, BRIDGING, LIVE }

    /**
     * Diffs in a row older than the book, arriving over at least {@link #STALE_RESYNC_MILLIS}, make the symbol resync:
     * a venue whose update ids went backwards for good (a reset, a lie) or a snapshot ahead of the stream would
     * otherwise leave the book frozen and published as in sync. Both bounds, since long runs of old diffs are also
     * normal, but all at once: a snapshot's buffer replayed (not counted at all), a new socket's held diffs replayed at
     * a handoff (thousands in one instant).
     */
    static final int STALE_RUN_RESYNC = 100;
    static final long STALE_RESYNC_MILLIS = 30_000;

    private final SnapshotSource snapshots;
    private final Executor owner;
    private final Consumer<MarketEvent> out;
    private final BookSyncCounters counters;
    private final BookSyncConfig config;
    private final Map<String, State> states = new HashMap<>();
    private final LongSupplier nanoClock;

    /**
     * @param snapshots where REST snapshots come from (wrap it with a {@link SnapshotPacer} for the live path)
     * @param owner     runs snapshot completions on the thread that owns this sync
     * @param out       receives the events to publish
     * @param counters  this venue's counters
     * @param config    limits and options
     */
    public BinanceBookSync(SnapshotSource snapshots, Executor owner, Consumer<MarketEvent> out,
                           BookSyncCounters counters, BookSyncConfig config) {
        this(snapshots, owner, out, counters, config, System::nanoTime);
    }

    /** As the public constructor, on another clock (a replay's recorded time, tests). */
    BinanceBookSync(SnapshotSource snapshots, Executor owner, Consumer<MarketEvent> out, BookSyncCounters counters,
                    BookSyncConfig config, LongSupplier nanoClock) {
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.out = Objects.requireNonNull(out, "out");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.config = Objects.requireNonNull(config, "config");
    }

    /** A diff-depth update ({@link BookDelta} with {@code U}, {@code u}) from the decoder. */
    @Override
    public SyncStatus onMessage(Object message) {
        if (!(message instanceof BookDelta update)) {
            throw new IllegalArgumentException("Binance book sync takes diff-depth BookDeltas, not " + message);
        }
        return onDepthUpdate(update);
    }

    /** Handles one diff-depth event (as decoded: {@code firstSequence = U}, {@code sequence = u}). */
    public SyncStatus onDepthUpdate(BookDelta update) {
        if (!SOURCE.equals(update.source()) || update.firstSequence() > update.sequence()) {
            return SyncStatus.REJECTED;
        }
        State st = states.computeIfAbsent(update.symbol(), s -> new State(s, config.snapshotDepth()));
        switch (st.phase) {
            case IDLE:
                st.phase = Phase.AWAITING_SNAPSHOT;
                st.attempts = 0;
                buffer(st, update);
                requestSnapshot(st);
                return SyncStatus.BUFFERED;
            case AWAITING_SNAPSHOT:
                buffer(st, update);
                if (!st.fetching) {
                    st.attempts = 0;
                    requestSnapshot(st);
                }
                return SyncStatus.BUFFERED;
            default:
                return apply(st, update);
        }
    }

    /** Forces a resync of one symbol (e.g. an operator request); counted as a resync. */
    public void resync(String symbol) {
        State st = states.get(symbol);
        if (st != null && st.phase != Phase.IDLE) {
            startResync(st, null);
        }
    }

    /**
     * Forgets one symbol's book and sync state (its connection went down: the next diff starts a fresh sync).
     * Not counted as a resync.
     */
    @Override
    public void reset(String symbol) {
        State st = states.get(symbol);
        if (st != null) {
            st.generation++;
            st.phase = Phase.IDLE;
            st.fetching = false;
            st.buffer.clear();
            st.book.book.clear();
            st.book.forgetTop();
            if (st.window != null) {
                st.window.clear();
            }
        }
    }

    /** The book of a symbol (read it on the owner thread), or null if no diff was seen for it. */
    @Override
    public OrderBook book(String symbol) {
        State st = states.get(symbol);
        return st == null ? null : st.book.book;
    }

    /** True when the symbol's book is in sync with the venue. */
    @Override
    public boolean isSynced(String symbol) {
        State st = states.get(symbol);
        return st != null && st.phase == Phase.LIVE;
    }

    /** The symbols seen so far. */
    @Override
    public List<String> symbols() {
        return new ArrayList<>(states.keySet());
    }

    public BookSyncCounters counters() {
        return counters;
    }

    // ---------------------------------------------------------------- internals

    private void buffer(State st, BookDelta update) {
        if (st.buffer.size() >= config.maxBufferedUpdates()) {
            st.buffer.pollFirst(); // the snapshot must then be newer than the next one anyway
        }
        st.buffer.addLast(update);
    }

    private void requestSnapshot(State st) {
        st.attempts++;
        st.fetching = true;
        int generation = st.generation;
        CompletableFuture<BookSnapshot> f;
        try {
            f = snapshots.fetch(st.symbol);
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        if (f == null) {
            f = CompletableFuture.failedFuture(new IllegalStateException("snapshot source returned null"));
        }
        f.whenCompleteAsync((snapshot, error) -> onSnapshot(st, generation, snapshot, error), owner);
    }

    private void onSnapshot(State st, int generation, BookSnapshot snapshot, Throwable error) {
        if (generation != st.generation || st.phase != Phase.AWAITING_SNAPSHOT) {
            return; // a reset or resync happened since this fetch started
        }
        st.fetching = false;
        if (error != null || snapshot == null || !st.symbol.equals(snapshot.symbol())) {
            counters.snapshotFailuresInc();
            return; // the next diff starts a new fetch (paced by the source)
        }
        BookDelta first = st.buffer.peekFirst();
        if (first != null && snapshot.sequence() < first.firstSequence()) {
            counters.snapshotRetriesInc();
            if (st.attempts < config.maxSnapshotAttempts()) {
                requestSnapshot(st);
            }
            return;
        }
        st.book.book.replace(snapshot);
        st.phase = Phase.BRIDGING;
        List<BookDelta> buffered = new ArrayList<>(st.buffer);
        st.buffer.clear();
        boolean outer = st.replaying;
        st.replaying = true; // buffered diffs older than the snapshot are expected: only later ones count as stale
        try {
            for (BookDelta d : buffered) {
                onDepthUpdate(d);
            }
        } finally {
            st.replaying = outer;
        }
    }

    private SyncStatus apply(State st, BookDelta d) {
        OrderBook book = st.book.book;
        long u = book.sequence();
        if (d.sequence() <= u) {
            counters.staleInc();
            if (!st.replaying && staleTooLong(st)) {
                startResync(st, d); // ids went backwards for good, or the snapshot was ahead of the stream
                return SyncStatus.GAP;
            }
            return SyncStatus.STALE;
        }
        st.staleRun = 0;
        if (d.firstSequence() > u + 1) {
            counters.gapsInc();
            startResync(st, d);
            return SyncStatus.GAP;
        }
        book.apply(d);
        if (st.phase == Phase.BRIDGING) {
            st.phase = Phase.LIVE;
            counters.booksSyncedInc();
            out.accept(st.window == null ? book.snapshot(config.snapshotDepth()) : st.window.reset(book));
            st.book.afterChange(out, counters, config.publishTop(), true);
            return SyncStatus.SYNCED;
        }
        BookDelta published = st.window == null ? d : st.window.onApplied(book, d);
        if (published != null) {
            out.accept(published);
        }
        st.book.afterChange(out, counters, config.publishTop(), false);
        return SyncStatus.APPLIED;
    }

    /** Counts one more stale diff of the run: true once it is long enough, in diffs and in time, to resync. */
    private boolean staleTooLong(State st) {
        long now = nanoClock.getAsLong();
        if (st.staleRun++ == 0) {
            st.staleSinceNanos = now;
        }
        return st.staleRun >= STALE_RUN_RESYNC
                && now - st.staleSinceNanos >= TimeUnit.MILLISECONDS.toNanos(STALE_RESYNC_MILLIS);
    }

    private void startResync(State st, BookDelta pending) {
        counters.resyncsInc();
        st.generation++;
        st.phase = Phase.AWAITING_SNAPSHOT;
        st.buffer.clear();
        st.attempts = 0;
        st.fetching = false;
        st.staleRun = 0;
        if (pending != null) {
            st.buffer.addLast(pending);
            requestSnapshot(st);
        }
        // without a pending diff the next diff starts the fetch (its U is what the snapshot must cover)
    }

    private static final class State {
        final String symbol;
        final TrackedBook book;
        /** What subscribers hold when the published depth is limited; null when every level is published. */
        final DepthWindow window;
        final ArrayDeque<BookDelta> buffer = new ArrayDeque<>();
        Phase phase = Phase.IDLE;
        int generation;
        int attempts;
        boolean fetching;
        /** Stale diffs in a row since the last applied one, and when the first of them came. */
        int staleRun;
        long staleSinceNanos;
        /** The snapshot's buffered diffs are being applied. */
        boolean replaying;

        State(String symbol, int depth) {
            this.symbol = symbol;
            this.book = new TrackedBook(SOURCE, symbol);
            this.window = depth == Integer.MAX_VALUE ? null : new DepthWindow(depth);
        }
    }
}
