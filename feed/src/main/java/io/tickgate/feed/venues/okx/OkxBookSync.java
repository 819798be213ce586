package io.tickgate.feed.venues.okx;

import io.tickgate.processing.book.BookSync;

import io.tickgate.processing.book.SnapshotPacer;

import io.tickgate.processing.book.SyncStatus;

import io.tickgate.processing.book.TrackedBook;

import io.tickgate.processing.book.BookSyncCounters;

import io.tickgate.processing.book.BookSyncConfig;

import io.tickgate.model.book.OrderBook;
import io.tickgate.model.event.BookDelta;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.event.PriceLevel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Keeps OKX {@code books} order books in sync: a {@code snapshot} message, then {@code update}s. Two kinds of
 * message, told apart by the decoder, and a book keeps the kind its snapshot had:
 * <ul>
 *   <li><b>Sequenced</b> ({@link #onBook}, current OKX): an update is in order when its {@code prevSeqId} equals the
 *       previous message's {@code seqId}. The heartbeat update (empty sides, {@code prevSeqId == seqId}) and the
 *       post-maintenance reset ({@code seqId < prevSeqId}) are valid. A checksum, when the message carries one, is
 *       verified as well.</li>
 *   <li><b>Checksum-only</b> ({@link #onChecksumOnlyBook}, recorded before OKX added {@code seqId}/{@code prevSeqId}):
 *       there is no sequence to check, so the CRC32 checksum of every message is the integrity check. Every value is
 *       a real checksum, 0 included. The book's sequence stays 0 ("the venue has none").</li>
 * </ul>
 * A checksum (over the top 25 levels, {@link OkxChecksum}) that does not match is treated as a gap, and so is an
 * update of the other kind than the book's snapshot. A gap resyncs only that symbol: updates are dropped and
 * {@code resubscribe} is asked for a fresh snapshot (wrap it with a {@link SnapshotPacer}: OKX allows 480
 * subscribe/unsubscribe requests per connection per hour). A book whose snapshot does not come (it was dropped on a
 * full queue, refused as malformed, or the venue acked and sent none) is asked again every
 * {@link #SNAPSHOT_WAIT_MILLIS} while its updates keep arriving: without that, it stayed unsynced for the life of the
 * socket.
 *
 * <p>Publishes a full {@link BookSnapshot} after each (re)sync, every non-empty update as a {@link BookDelta}
 * ({@code firstSequence = prevSeqId + 1}, {@code sequence = seqId}; 0 and 0 for checksum-only books) and a BookTop
 * when the best bid or ask changes. Single writer: call from the owner thread only.
 */
public final class OkxBookSync implements BookSync {

    /** The topic source name. */
    public static final String SOURCE = "okx";

    /** How long a book waits for its snapshot, while its updates arrive, before asking again. */
    static final long SNAPSHOT_WAIT_MILLIS = 30_000;

    private final Consumer<String> resubscribe;
    private final LongSupplier nanoClock;
    private final Consumer<MarketEvent> out;
    private final BookSyncCounters counters;
    private final BookSyncConfig config;
    private final Map<String, State> states = new HashMap<>();

    /**
     * @param resubscribe asked (with the instId) to get a fresh snapshot after a gap: unsubscribe and subscribe the
     *                    symbol's books channel
     * @param out         receives the events to publish
     * @param counters    this venue's counters
     * @param config      options (buffer limits are not used: OKX delivers the snapshot in-band)
     */
    public OkxBookSync(Consumer<String> resubscribe, Consumer<MarketEvent> out, BookSyncCounters counters,
                       BookSyncConfig config) {
        this(resubscribe, out, counters, config, System::nanoTime);
    }

    /** As above, on another monotonic clock (a replay's recorded time, tests). */
    public OkxBookSync(Consumer<String> resubscribe, Consumer<MarketEvent> out, BookSyncCounters counters,
                       BookSyncConfig config, LongSupplier nanoClock) {
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.resubscribe = Objects.requireNonNull(resubscribe, "resubscribe");
        this.out = Objects.requireNonNull(out, "out");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.config = Objects.requireNonNull(config, "config");
    }

    /** An {@link OkxBookMessage} from the decoder. */
    @Override
    public SyncStatus onMessage(Object message) {
        if (!(message instanceof OkxBookMessage m)) {
            throw new IllegalArgumentException("OKX book sync takes OkxBookMessages, not " + message);
        }
        return m.applyTo(this);
    }

    /**
     * Handles one sequenced {@code books} message (it has {@code seqId}).
     *
     * @param instId    instrument ({@code BTC-USDT})
     * @param snapshot  {@code action == "snapshot"}
     * @param bids      bid levels as received (size "0" deletes)
     * @param asks      ask levels as received
     * @param seqId     this message's sequence id
     * @param prevSeqId the previous message's sequence id ({@code -1} for a snapshot)
     * @param checksum  the CRC32 checksum to verify, or empty when the message carries none
     * @param timestamp {@code ts}, epoch ms
     */
    public SyncStatus onBook(String instId, boolean snapshot, List<PriceLevel> bids, List<PriceLevel> asks,
                             long seqId, long prevSeqId, OptionalInt checksum, long timestamp) {
        Objects.requireNonNull(checksum, "checksum");
        State st = state(instId);
        OrderBook book = st.book.book;
        if (snapshot) {
            return snapshot(st, true, new BookSnapshot(SOURCE, instId, bids, asks, seqId, timestamp), checksum);
        }
        if (!st.live) {
            return waiting(st);
        }
        if (!st.sequenced || prevSeqId != book.sequence()) {
            counters.gapsInc();
            startResync(st);
            return SyncStatus.GAP;
        }
        boolean empty = bids.isEmpty() && asks.isEmpty();
        return update(st, empty ? null : new BookDelta(SOURCE, instId, bids, asks, prevSeqId + 1, seqId, timestamp),
                seqId, checksum);
    }

    /**
     * Handles one checksum-only {@code books} message (recorded before OKX added {@code seqId}/{@code prevSeqId}):
     * the checksum is verified on every message and is the only integrity check.
     *
     * @param instId    instrument ({@code BTC-USDT})
     * @param snapshot  {@code action == "snapshot"}
     * @param bids      bid levels as received (size "0" deletes)
     * @param asks      ask levels as received
     * @param checksum  the CRC32 checksum (any value, 0 included, is verified)
     * @param timestamp {@code ts}, epoch ms
     */
    public SyncStatus onChecksumOnlyBook(String instId, boolean snapshot, List<PriceLevel> bids,
                                         List<PriceLevel> asks, int checksum, long timestamp) {
        State st = state(instId);
        OptionalInt crc = OptionalInt.of(checksum);
        if (snapshot) {
            return snapshot(st, false, new BookSnapshot(SOURCE, instId, bids, asks, 0, timestamp), crc);
        }
        if (!st.live) {
            return waiting(st);
        }
        if (st.sequenced) {
            counters.gapsInc();
            startResync(st);
            return SyncStatus.GAP;
        }
        boolean empty = bids.isEmpty() && asks.isEmpty();
        return update(st, empty ? null : new BookDelta(SOURCE, instId, bids, asks, 0, 0, timestamp), 0, crc);
    }

    private SyncStatus snapshot(State st, boolean sequenced, BookSnapshot snapshot, OptionalInt checksum) {
        OrderBook book = st.book.book;
        book.replace(snapshot);
        st.sequenced = sequenced;
        if (!checksumOk(book, checksum)) {
            startResync(st);
            return SyncStatus.CHECKSUM_MISMATCH;
        }
        st.live = true;
        counters.booksSyncedInc();
        out.accept(book.snapshot(config.snapshotDepth()));
        st.book.afterChange(out, counters, config.publishTop(), true);
        return SyncStatus.SYNCED;
    }

    /** Applies an in-order update (null delta: nothing changed), then verifies the checksum before publishing. */
    private SyncStatus update(State st, BookDelta delta, long sequence, OptionalInt checksum) {
        OrderBook book = st.book.book;
        if (delta != null) {
            book.apply(delta);
        }
        book.sequence(sequence);
        if (!checksumOk(book, checksum)) {
            startResync(st);
            return SyncStatus.CHECKSUM_MISMATCH;
        }
        if (delta != null) {
            out.accept(delta);
            st.book.afterChange(out, counters, config.publishTop(), false);
        }
        return SyncStatus.APPLIED;
    }

    private boolean checksumOk(OrderBook book, OptionalInt checksum) {
        if (checksum.isEmpty()) {
            return true;
        }
        if (OkxChecksum.of(book) == checksum.getAsInt()) {
            counters.checksumsVerifiedInc();
            return true;
        }
        counters.checksumsFailedInc();
        counters.gapsInc();
        return false;
    }

    private State state(String instId) {
        State st = states.get(instId);
        if (st == null) {
            st = new State(instId);
            st.unsyncedSince = nanoClock.getAsLong();
            states.put(instId, st);
        }
        return st;
    }

    /** An update for a book without its snapshot: dropped; the snapshot is asked for again when overdue. */
    private SyncStatus waiting(State st) {
        long now = nanoClock.getAsLong();
        if (now - st.unsyncedSince >= TimeUnit.MILLISECONDS.toNanos(SNAPSHOT_WAIT_MILLIS)) {
            startResync(st);
        }
        return SyncStatus.IGNORED;
    }

    private void startResync(State st) {
        counters.resyncsInc();
        st.live = false;
        st.unsyncedSince = nanoClock.getAsLong();
        resubscribe.accept(st.instId);
    }

    /** Forgets a symbol's book (its connection went down; the resubscription brings a snapshot). */
    @Override
    public void reset(String instId) {
        State st = states.get(instId);
        if (st != null) {
            st.live = false;
            st.unsyncedSince = nanoClock.getAsLong();
            st.book.book.clear();
            st.book.forgetTop();
        }
    }

    /** The book of an instrument (read it on the owner thread), or null. */
    @Override
    public OrderBook book(String instId) {
        State st = states.get(instId);
        return st == null ? null : st.book.book;
    }

    @Override
    public boolean isSynced(String instId) {
        State st = states.get(instId);
        return st != null && st.live;
    }

    @Override
    public List<String> symbols() {
        return new ArrayList<>(states.keySet());
    }

    public BookSyncCounters counters() {
        return counters;
    }

    private static final class State {
        final String instId;
        final TrackedBook book;
        boolean live;
        /** The kind of the snapshot the book was built from: sequenced (true) or checksum-only. */
        boolean sequenced;
        /** When the book last went without a snapshot (created, reset, resync asked): nanoClock time. */
        long unsyncedSince;

        State(String instId) {
            this.instId = instId;
            this.book = new TrackedBook(SOURCE, instId);
        }
    }
}
