package io.tickgate.feed.backfill;

import io.tickgate.model.event.Trade;
import io.tickgate.model.event.TradeIds;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * Pages through a venue's trade history over one id range, one request after the other (each paced by the venue's
 * REST budget), until the range is covered, the venue has nothing more (its history ends) or the caller gives up.
 * Completes with the trades found in the range by id; the ids it lacks are the ones the venue no longer has.
 */
final class PagedFetch {

    private final TradeHistory history;
    private final String symbol;
    private final boolean aggregated;
    private final long from;
    private final BooleanSupplier abandoned;
    private final NavigableMap<Long, Trade> found = new TreeMap<>();
    private final CompletableFuture<NavigableMap<Long, Trade>> result = new CompletableFuture<>();
    private long lo;
    private long hi;

    private PagedFetch(TradeHistory history, String symbol, boolean aggregated, long from, long to,
                       BooleanSupplier abandoned) {
        this.history = history;
        this.symbol = symbol;
        this.aggregated = aggregated;
        this.from = from;
        this.abandoned = abandoned;
        this.lo = from;
        this.hi = to;
    }

    /** The trades of ids {@code from..to} the venue still has, by id; stops early once {@code abandoned} says so. */
    static CompletableFuture<NavigableMap<Long, Trade>> fetch(TradeHistory history, String symbol,
                                                              boolean aggregated, long from, long to,
                                                              BooleanSupplier abandoned) {
        PagedFetch f = new PagedFetch(history, symbol, aggregated, from, to, abandoned);
        f.next();
        return f.result;
    }

    private void next() {
        if (lo > hi || abandoned.getAsBoolean()) {
            result.complete(found);
            return;
        }
        CompletableFuture<List<Trade>> page;
        try {
            page = history.page(symbol, aggregated, lo, hi);
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return;
        }
        page.whenComplete((trades, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                take(trades);
            }
        });
    }

    private void take(List<Trade> trades) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (Trade t : trades) {
            long id = TradeIds.parse(t.tradeId());
            if (id >= lo && id <= hi) {
                found.put(id, t);
                min = Math.min(min, id);
                max = Math.max(max, id);
            }
        }
        if (max == Long.MIN_VALUE) {
            result.complete(found); // nothing more in the range: the venue's history does not reach it
            return;
        }
        if (history.paging() == TradeHistory.Paging.FORWARD) {
            lo = max + 1;
        } else {
            hi = min - 1;
        }
        next();
    }

    @Override
    public String toString() {
        return symbol + (aggregated ? " aggregated" : "") + " trades " + from + ".." + hi;
    }
}
