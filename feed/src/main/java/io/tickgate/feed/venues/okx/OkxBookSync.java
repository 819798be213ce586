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
import java.util.function.Consumer;

/**
 * Keeps OKX {@code books} order books in sync: a {@code snapshot} message, then {@code update}s, each in order when
 * its {@code prevSeqId} equals the previous message's {@code seqId}. The heartbeat update (empty sides,
 * {@code prevSeqId == seqId}) and the post-maintenance reset ({@code seqId < prevSeqId}) are valid. A non-zero
 * legacy checksum is verified over the top 25 levels; a mismatch is treated as a gap. A gap resyncs only that
 * symbol: updates are dropped and {@code resubscribe} is asked for a fresh snapshot (wrap it with a
 * {@link SnapshotPacer}: OKX allows 480 subscribe/unsubscribe requests per connection per hour).
 *
 * <p>Publishes a full {@link BookSnapshot} after each (re)sync, every non-empty update as a {@link BookDelta}
 * ({@code firstSequence = prevSeqId + 1}, {@code sequence = seqId}) and a BookTop when the best bid or ask changes.
 * Single writer: call from the owner thread only.
 */
public final class OkxBookSync implements BookSync {

    /** The topic source name. */
    public static final String SOURCE = "okx";

    private final Consumer<String> resubscribe;
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
        return onBook(m.instId(), m.snapshot(), m.bids(), m.asks(), m.seqId(), m.prevSeqId(), m.checksum(),
                m.timestamp());
    }

    /**
     * Handles one {@code books} message.
     *
     * @param instId    instrument ({@code BTC-USDT})
     * @param snapshot  {@code action == "snapshot"}
     * @param bids      bid levels as received (size "0" deletes)
     * @param asks      ask levels as received
     * @param seqId     this message's sequence id
     * @param prevSeqId the previous message's sequence id ({@code -1} for a snapshot)
     * @param checksum  the legacy checksum, 0 when absent (not verified)
     * @param timestamp {@code ts}, epoch ms
     */
    public SyncStatus onBook(String instId, boolean snapshot, List<PriceLevel> bids, List<PriceLevel> asks,
                             long seqId, long prevSeqId, int checksum, long timestamp) {
        State st = states.computeIfAbsent(instId, State::new);
        OrderBook book = st.book.book;
        if (snapshot) {
            book.replace(new BookSnapshot(SOURCE, instId, bids, asks, seqId, timestamp));
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
        if (!st.live) {
            return SyncStatus.IGNORED;
        }
        if (prevSeqId != book.sequence()) {
            counters.gapsInc();
            startResync(st);
            return SyncStatus.GAP;
        }
        boolean empty = bids.isEmpty() && asks.isEmpty();
        BookDelta delta = empty ? null : new BookDelta(SOURCE, instId, bids, asks, prevSeqId + 1, seqId, timestamp);
        if (delta != null) {
            book.apply(delta);
        }
        book.sequence(seqId);
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

    private boolean checksumOk(OrderBook book, int checksum) {
        if (checksum == 0) {
            return true;
        }
        if (OkxChecksum.of(book) == checksum) {
            counters.checksumsVerifiedInc();
            return true;
        }
        counters.checksumsFailedInc();
        counters.gapsInc();
        return false;
    }

    private void startResync(State st) {
        counters.resyncsInc();
        st.live = false;
        resubscribe.accept(st.instId);
    }

    /** Forgets a symbol's book (its connection went down; the resubscription brings a snapshot). */
    @Override
    public void reset(String instId) {
        State st = states.get(instId);
        if (st != null) {
            st.live = false;
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

        State(String instId) {
            this.instId = instId;
            this.book = new TrackedBook(SOURCE, instId);
        }
    }
}
