package io.tickgate.simulator.venue.binance;

import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.BookDelta;
import io.tickgate.model.event.PriceLevel;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * The engine deltas of one diff-depth stream ({@code <s>@depth@100ms}, {@code <s>@depth[@1000ms]}) within the
 * current update interval, merged the way Binance aggregates them: one event per interval whose {@code U} is the
 * first update id and {@code u} the last, each price level once with its last value. Intervals are aligned to the
 * clock ({@code [k·interval, (k+1)·interval)}), so every subscriber of the stream sees the same events. Owned by the
 * engine thread.
 */
final class DiffDepthBatch {

    private final long intervalMillis;
    private final TreeMap<Decimal, PriceLevel> bids = new TreeMap<>(Comparator.reverseOrder());
    private final TreeMap<Decimal, PriceLevel> asks = new TreeMap<>();
    private long firstId = -1;
    private long lastId;
    private long windowEnd;

    /** @param intervalMillis the stream's update speed: 100 or 1000 */
    DiffDepthBatch(long intervalMillis) {
        this.intervalMillis = intervalMillis;
    }

    /** True when no delta waits. */
    boolean isEmpty() {
        return firstId < 0;
    }

    /** When the current interval ends (the batch is due at or after it); meaningless while empty. */
    long windowEnd() {
        return windowEnd;
    }

    /** Adds an engine delta stamped {@code nowMillis} (the caller flushes a due batch first). */
    void add(BookDelta d, long nowMillis) {
        if (firstId < 0) {
            firstId = d.firstSequence();
            windowEnd = Math.floorDiv(nowMillis, intervalMillis) * intervalMillis + intervalMillis;
        }
        lastId = d.sequence();
        for (PriceLevel l : d.bids()) {
            bids.put(l.price(), l);
        }
        for (PriceLevel l : d.asks()) {
            asks.put(l.price(), l);
        }
    }

    /** Renders the merged {@code depthUpdate} (event time {@code eventMillis}) and empties the batch. */
    String drain(String symbol, long eventMillis) {
        StringBuilder b = new StringBuilder(96 + 40 * (bids.size() + asks.size())).append("{\"e\":\"depthUpdate\",\"E\":")
                .append(eventMillis).append(",\"s\":\"").append(symbol).append("\",\"U\":").append(firstId)
                .append(",\"u\":").append(lastId).append(",\"b\":");
        BinanceRenderer.levels(b, List.copyOf(bids.values()));
        b.append(",\"a\":");
        BinanceRenderer.levels(b, List.copyOf(asks.values()));
        clear();
        return b.append('}').toString();
    }

    /** Forgets what waits (nobody subscribes any more). */
    void clear() {
        firstId = -1;
        bids.clear();
        asks.clear();
    }
}
