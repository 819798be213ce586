package io.tickgate.processing.book;

import io.tickgate.model.book.OrderBook;
import io.tickgate.model.event.BookTop;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.event.PriceLevel;
import java.util.Objects;
import java.util.function.Consumer;

/** An order book plus what was last published about it: the top, and whether it was crossed. */
public final class TrackedBook {

    /** The book itself; written only by its sync's thread. */
    public final OrderBook book;
    private PriceLevel lastBid;
    private PriceLevel lastAsk;
    private boolean crossed;

    public TrackedBook(String source, String symbol) {
        this.book = new OrderBook(source, symbol);
    }

    /** After a change: publishes the top if it moved, counts a transition into the crossed state. */
    public void afterChange(Consumer<MarketEvent> out, BookSyncCounters counters, boolean publishTop, boolean force) {
        boolean nowCrossed = book.isCrossed();
        if (nowCrossed && !crossed) {
            counters.crossedInc();
        }
        crossed = nowCrossed;
        if (!publishTop) {
            return;
        }
        PriceLevel bid = book.bestBid();
        PriceLevel ask = book.bestAsk();
        if (force || !same(bid, lastBid) || !same(ask, lastAsk)) {
            lastBid = bid;
            lastAsk = ask;
            BookTop top = book.top();
            out.accept(top);
        }
    }

    /** Same price and same size text (a size change "1.0" → "1.00" is not a change). */
    private static boolean same(PriceLevel a, PriceLevel b) {
        return Objects.equals(a, b);
    }

    /** Forgets what was published (after a reset the next top is published again). */
    public void forgetTop() {
        lastBid = null;
        lastAsk = null;
        crossed = false;
    }
}
