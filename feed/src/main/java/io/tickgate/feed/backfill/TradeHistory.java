package io.tickgate.feed.backfill;

import io.tickgate.model.event.Trade;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A venue's REST trade history, one page per request (Binance {@code GET /api/v3/aggTrades?fromId=} /
 * {@code historicalTrades?fromId=}, OKX {@code GET /api/v5/market/history-trades?type=1&after=}). Implementations
 * live in the venue's package; {@link TradeBackfill} drives the paging. Requests must not block the caller.
 */
public interface TradeHistory {

    /** Which end of a range a page starts from: the venue's paging parameter. */
    enum Paging {
        /** Pages start at the low id and go up (Binance {@code fromId}). */
        FORWARD,
        /** Pages start at the high id and go down (OKX {@code after}: records older than an id). */
        BACKWARD
    }

    /** How this venue pages. */
    Paging paging();

    /**
     * The most trades one page holds when {@link #paging()} is {@link Paging#FORWARD} over consecutive ids (Binance
     * {@code fromId}, 1,000): the start of every page of a hole is then known up front, and the pages are fetched
     * several at a time ({@link ConcurrentPages}). 0 (the default): one page after the other.
     */
    default int pageSize() {
        return 0;
    }

    /** True when the venue keeps a history of this kind of trade (aggregated or raw). */
    boolean covers(boolean aggregated);

    /**
     * Starts fetching one page of the trades of {@code symbol} of one kind with ids in {@code fromId..toId}: those
     * nearest {@code fromId} when {@link #paging()} is {@link Paging#FORWARD}, nearest {@code toId} when
     * {@link Paging#BACKWARD}. The page may hold fewer trades than asked (the venue's page limit, or a history that no
     * longer reaches back so far) and ids outside the range (they are ignored), in any order. Fails the future (never
     * throws) on an HTTP error or a bad body; on the venue's rate-limit answers with
     * {@link io.tickgate.processing.book.SnapshotPacer.RateLimited}, so the pacer holds and slows down.
     */
    CompletableFuture<List<Trade>> page(String symbol, boolean aggregated, long fromId, long toId);
}
