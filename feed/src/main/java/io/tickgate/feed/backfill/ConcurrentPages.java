package io.tickgate.feed.backfill;

import io.tickgate.model.event.Trade;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Fetches a long hole of a venue that pages forward over consecutive ids ({@link TradeHistory#pageSize()} &gt; 0,
 * Binance {@code fromId}): the range is cut into page-sized parts, known up front, and up to {@link #IN_FLIGHT} of
 * them are fetched at a time, each by a {@link PagedFetch} of its own (more pages if the venue answers fewer). Every
 * request still goes through the venue's REST pacer, so the budget holds; what this saves is the round trips of a
 * hole fetched one page after the other. Completes with the union by id (the publishing order comes from the map);
 * fails if any part fails.
 */
final class ConcurrentPages {

    /** Parts fetched at a time per hole: a few, so depth snapshots and other holes still get the pacer's turns. */
    static final int IN_FLIGHT = 4;

    private final TradeHistory history;
    private final String symbol;
    private final boolean aggregated;
    private final long from;
    private final long to;
    private final int size;
    private final BooleanSupplier abandoned;
    private final int parts;
    private final AtomicInteger nextPart = new AtomicInteger();
    private final AtomicInteger pending;
    private final NavigableMap<Long, Trade> found = new TreeMap<>();
    private final CompletableFuture<NavigableMap<Long, Trade>> result = new CompletableFuture<>();

    private ConcurrentPages(TradeHistory history, String symbol, boolean aggregated, long from, long to,
                            BooleanSupplier abandoned) {
        this.history = history;
        this.symbol = symbol;
        this.aggregated = aggregated;
        this.from = from;
        this.to = to;
        this.size = history.pageSize();
        this.abandoned = abandoned;
        this.parts = (int) ((to - from) / size + 1);
        this.pending = new AtomicInteger(parts);
    }

    /** The trades of ids {@code from..to} the venue still has, by id; a history without a page size pages serially. */
    static CompletableFuture<NavigableMap<Long, Trade>> fetch(TradeHistory history, String symbol, boolean aggregated,
                                                              long from, long to, BooleanSupplier abandoned) {
        if (history.paging() != TradeHistory.Paging.FORWARD || history.pageSize() <= 0
                || to - from < history.pageSize()) {
            return PagedFetch.fetch(history, symbol, aggregated, from, to, abandoned);
        }
        ConcurrentPages c = new ConcurrentPages(history, symbol, aggregated, from, to, abandoned);
        for (int i = 0; i < Math.min(IN_FLIGHT, c.parts); i++) {
            c.startNext();
        }
        return c.result;
    }

    private void startNext() {
        int part = nextPart.getAndIncrement();
        if (part >= parts) {
            return;
        }
        long lo = from + (long) part * size;
        long hi = Math.min(to, lo + size - 1);
        PagedFetch.fetch(history, symbol, aggregated, lo, hi, abandoned).whenComplete((trades, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failure);
                return;
            }
            synchronized (found) {
                found.putAll(trades);
            }
            if (pending.decrementAndGet() == 0) {
                synchronized (found) {
                    result.complete(found);
                }
            } else if (!result.isDone()) {
                startNext();
            }
        });
    }
}
