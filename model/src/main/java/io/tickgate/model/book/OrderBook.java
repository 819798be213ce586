package io.tickgate.model.book;

import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.BookDelta;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.BookTop;
import io.tickgate.model.event.PriceLevel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A price-level order book for one instrument. Not thread-safe: one owner thread applies and reads it.
 */
public final class OrderBook {

    private final String source;
    private final String symbol;
    private final NavigableMap<Decimal, Decimal> bids = new TreeMap<>(Collections.reverseOrder());
    private final NavigableMap<Decimal, Decimal> asks = new TreeMap<>();
    private long sequence;
    private long timestamp;

    public OrderBook(String source, String symbol) {
        this.source = source;
        this.symbol = symbol;
    }

    /** Replaces the whole book with a snapshot. */
    public void replace(BookSnapshot snapshot) {
        bids.clear();
        asks.clear();
        for (PriceLevel l : snapshot.bids()) {
            set(bids, l);
        }
        for (PriceLevel l : snapshot.asks()) {
            set(asks, l);
        }
        sequence = snapshot.sequence();
        timestamp = snapshot.timestamp();
    }

    /** Applies a delta: each level's size replaces the level, zero removes it. */
    public void apply(BookDelta delta) {
        for (PriceLevel l : delta.bids()) {
            set(bids, l);
        }
        for (PriceLevel l : delta.asks()) {
            set(asks, l);
        }
        sequence = delta.sequence();
        timestamp = delta.timestamp();
    }

    /** Sets one bid level (zero size removes it). */
    public void setBid(Decimal price, Decimal size) {
        set(bids, new PriceLevel(price, size));
    }

    /** Sets one ask level (zero size removes it). */
    public void setAsk(Decimal price, Decimal size) {
        set(asks, new PriceLevel(price, size));
    }

    private static void set(NavigableMap<Decimal, Decimal> side, PriceLevel l) {
        if (l.size().isZero()) {
            side.remove(l.price());
        } else {
            side.put(l.price(), l.size());
        }
    }

    public void clear() {
        bids.clear();
        asks.clear();
        sequence = 0;
    }

    public long sequence() {
        return sequence;
    }

    public void sequence(long sequence) {
        this.sequence = sequence;
    }

    public int bidDepth() {
        return bids.size();
    }

    public int askDepth() {
        return asks.size();
    }

    /** The best bid level, or null. */
    public PriceLevel bestBid() {
        Map.Entry<Decimal, Decimal> e = bids.firstEntry();
        return e == null ? null : new PriceLevel(e.getKey(), e.getValue());
    }

    /** The best ask level, or null. */
    public PriceLevel bestAsk() {
        Map.Entry<Decimal, Decimal> e = asks.firstEntry();
        return e == null ? null : new PriceLevel(e.getKey(), e.getValue());
    }

    /** True when the best bid is at or above the best ask: a book that cannot be right. */
    public boolean isCrossed() {
        return !bids.isEmpty() && !asks.isEmpty() && bids.firstKey().compareTo(asks.firstKey()) >= 0;
    }

    /** Bids best first, at most {@code depth} levels. */
    public List<PriceLevel> bids(int depth) {
        return levels(bids, depth);
    }

    /** Asks best first, at most {@code depth} levels. */
    public List<PriceLevel> asks(int depth) {
        return levels(asks, depth);
    }

    /** Up to {@code max} bids below {@code price} (best first); from the best bid when {@code price} is null. */
    public List<PriceLevel> bidsAfter(Decimal price, int max) {
        return after(price == null ? bids : bids.tailMap(price, false), max);
    }

    /** Up to {@code max} asks above {@code price} (best first); from the best ask when {@code price} is null. */
    public List<PriceLevel> asksAfter(Decimal price, int max) {
        return after(price == null ? asks : asks.tailMap(price, false), max);
    }

    /** Like {@link #levels} without asking a view for its size (a tail map counts its entries one by one). */
    private static List<PriceLevel> after(NavigableMap<Decimal, Decimal> side, int max) {
        List<PriceLevel> out = new ArrayList<>(Math.min(max, 16));
        for (Map.Entry<Decimal, Decimal> e : side.entrySet()) {
            if (out.size() >= max) {
                break;
            }
            out.add(new PriceLevel(e.getKey(), e.getValue()));
        }
        return out;
    }

    private static List<PriceLevel> levels(NavigableMap<Decimal, Decimal> side, int depth) {
        List<PriceLevel> out = new ArrayList<>(Math.min(depth, side.size()));
        for (Map.Entry<Decimal, Decimal> e : side.entrySet()) {
            if (out.size() >= depth) {
                break;
            }
            out.add(new PriceLevel(e.getKey(), e.getValue()));
        }
        return out;
    }

    /** A snapshot of the top {@code depth} levels per side. */
    public BookSnapshot snapshot(int depth) {
        return new BookSnapshot(source, symbol, bids(depth), asks(depth), sequence, timestamp);
    }

    /** Best bid and ask. */
    public BookTop top() {
        PriceLevel b = bestBid();
        PriceLevel a = bestAsk();
        return new BookTop(source, symbol, b == null ? null : b.price(), b == null ? null : b.size(),
                a == null ? null : a.price(), a == null ? null : a.size(), timestamp);
    }
}
