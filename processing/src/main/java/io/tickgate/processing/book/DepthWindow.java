package io.tickgate.processing.book;

import io.tickgate.model.book.OrderBook;
import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.BookDelta;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.PriceLevel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The top {@code depth} levels per side of one local book that subscribers hold: what was published. After each
 * diff applied to the local book, {@link #onApplied} returns the delta that keeps subscribers' copy equal to the
 * local book's top {@code depth}: changes inside the top as they came, a level pushed below the top as removed
 * (size 0), a level moving up into the top (after a removal) as added, and nothing for changes deeper down. Owned by
 * the book sync's thread.
 */
public final class DepthWindow {

    private final int depth;
    private final TreeSet<Decimal> bids = new TreeSet<>(Collections.reverseOrder());
    private final TreeSet<Decimal> asks = new TreeSet<>();

    public DepthWindow(int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be positive: " + depth);
        }
        this.depth = depth;
    }

    /** Subscribers get the book's top now: remembers it and returns it as the snapshot to publish. */
    public BookSnapshot reset(OrderBook book) {
        BookSnapshot s = book.snapshot(depth);
        clear();
        for (PriceLevel l : s.bids()) {
            bids.add(l.price());
        }
        for (PriceLevel l : s.asks()) {
            asks.add(l.price());
        }
        return s;
    }

    public void clear() {
        bids.clear();
        asks.clear();
    }

    /**
     * After {@code diff} was applied to {@code book}: the delta to publish ({@code diff} itself when all of it was
     * inside the top and nothing moved out or in), or null when the top did not change.
     */
    public BookDelta onApplied(OrderBook book, BookDelta diff) {
        List<PriceLevel> b = side(bids, diff.bids(), book, true);
        List<PriceLevel> a = side(asks, diff.asks(), book, false);
        if (b == null && a == null) {
            return diff;
        }
        List<PriceLevel> pb = b == null ? diff.bids() : b;
        List<PriceLevel> pa = a == null ? diff.asks() : a;
        if (pb.isEmpty() && pa.isEmpty()) {
            return null;
        }
        return new BookDelta(diff.source(), diff.symbol(), pb, pa, diff.firstSequence(), diff.sequence(),
                diff.timestamp());
    }

    /** One side: null when the published changes are exactly {@code changes}, else the changes to publish. */
    private List<PriceLevel> side(TreeSet<Decimal> top, List<PriceLevel> changes, OrderBook book, boolean bid) {
        if (changes.isEmpty()) {
            return null;
        }
        // the worst published level when the top is full; null when subscribers hold the whole side
        Decimal edge = top.size() >= depth ? top.last() : null;
        Map<Decimal, PriceLevel> out = null;
        Set<Decimal> added = null;
        for (int i = 0; i < changes.size(); i++) {
            PriceLevel l = changes.get(i);
            boolean keep;
            if (edge != null && deeper(l.price(), edge, bid)) {
                keep = false; // below the published top: the local book only
            } else if (l.size().isZero()) {
                keep = top.remove(l.price());
            } else {
                if (top.add(l.price())) {
                    if (added == null) {
                        added = new HashSet<>();
                    }
                    added.add(l.price());
                }
                keep = true;
            }
            if (!keep && out == null) {
                out = copyOf(changes, i);
            } else if (keep && out != null) {
                out.put(l.price(), l);
            }
        }
        if (top.size() > depth) {
            if (out == null) {
                out = copyOf(changes, changes.size());
            }
            while (top.size() > depth) {
                Decimal worst = top.pollLast();
                if (added != null && added.contains(worst)) {
                    out.remove(worst); // came and went within this diff: subscribers never had it
                } else {
                    out.put(worst, new PriceLevel(worst, Decimal.ZERO));
                }
            }
        } else if (top.size() < depth && edge != null) {
            List<PriceLevel> next = bid ? book.bidsAfter(edge, depth - top.size())
                    : book.asksAfter(edge, depth - top.size());
            if (!next.isEmpty() && out == null) {
                out = copyOf(changes, changes.size());
            }
            for (PriceLevel l : next) {
                top.add(l.price());
                out.put(l.price(), l);
            }
        }
        return out == null ? null : new ArrayList<>(out.values());
    }

    /** True when {@code price} is further from the top of the book than {@code edge}. */
    private static boolean deeper(Decimal price, Decimal edge, boolean bid) {
        int c = price.compareTo(edge);
        return bid ? c < 0 : c > 0;
    }

    private static Map<Decimal, PriceLevel> copyOf(List<PriceLevel> changes, int n) {
        Map<Decimal, PriceLevel> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            out.put(changes.get(i).price(), changes.get(i));
        }
        return out;
    }
}
