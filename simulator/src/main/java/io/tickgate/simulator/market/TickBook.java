package io.tickgate.simulator.market;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The engine's order book of one instrument in integer ticks (price) and lots (size). Every change is also recorded
 * in a change set so that the engine can publish exactly what changed as one delta. Single writer.
 */
final class TickBook {

    private final NavigableMap<Long, Long> bids = new TreeMap<>(Collections.reverseOrder());
    private final NavigableMap<Long, Long> asks = new TreeMap<>();
    private final Map<Long, Long> bidChanges = new LinkedHashMap<>();
    private final Map<Long, Long> askChanges = new LinkedHashMap<>();

    NavigableMap<Long, Long> side(boolean bid) {
        return bid ? bids : asks;
    }

    /** Sets a level (lots 0 removes it) and records the change. */
    void set(boolean bid, long ticks, long lots) {
        if (lots < 0 || ticks <= 0) {
            throw new IllegalArgumentException("bad level " + ticks + "x" + lots);
        }
        NavigableMap<Long, Long> side = side(bid);
        Long before = lots == 0 ? side.remove(ticks) : side.put(ticks, lots);
        if (before == null && lots == 0) {
            return;
        }
        (bid ? bidChanges : askChanges).put(ticks, lots);
    }

    /** Removes the bids above {@code fair} and the asks at or below it, so that the book straddles fair. */
    void removeAcross(long fair) {
        while (!bids.isEmpty() && bids.firstKey() > fair) {
            set(true, bids.firstKey(), 0);
        }
        while (!asks.isEmpty() && asks.firstKey() <= fair) {
            set(false, asks.firstKey(), 0);
        }
    }

    /** Best bid in ticks, or 0 when there is none. */
    long bestBid() {
        return bids.isEmpty() ? 0 : bids.firstKey();
    }

    /** Best ask in ticks, or {@link Long#MAX_VALUE} when there is none. */
    long bestAsk() {
        return asks.isEmpty() ? Long.MAX_VALUE : asks.firstKey();
    }

    long lotsAt(boolean bid, long ticks) {
        Long l = side(bid).get(ticks);
        return l == null ? 0 : l;
    }

    int depth(boolean bid) {
        return side(bid).size();
    }

    /** The level price at index i from the top of a side (0 = best). */
    long priceAt(boolean bid, int index) {
        int i = 0;
        for (long p : side(bid).keySet()) {
            if (i++ == index) {
                return p;
            }
        }
        throw new IndexOutOfBoundsException(index);
    }

    /** The farthest level of a side. */
    long farthest(boolean bid) {
        return side(bid).lastKey();
    }

    boolean hasChanges() {
        return !bidChanges.isEmpty() || !askChanges.isEmpty();
    }

    /** The recorded changes of a side, best first, as [ticks, lots] pairs; clears them. */
    List<long[]> drainChanges(boolean bid) {
        Map<Long, Long> changes = bid ? bidChanges : askChanges;
        List<long[]> out = new ArrayList<>(changes.size());
        for (Map.Entry<Long, Long> e : changes.entrySet()) {
            out.add(new long[] {e.getKey(), e.getValue()});
        }
        out.sort(bid ? (a, b) -> Long.compare(b[0], a[0]) : (a, b) -> Long.compare(a[0], b[0]));
        changes.clear();
        return out;
    }

    boolean isCrossed() {
        return !bids.isEmpty() && !asks.isEmpty() && bids.firstKey() >= asks.firstKey();
    }
}
