package io.tickgate.simulator.market;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Keeps one venue's book of an instrument in the shape of a real one around the venue's reference price: a level at
 * every tick for the first {@link #DENSE_LEVELS} levels of each side (no holes near the top), then levels on a coarse
 * grid of round prices reaching about half a percent away (where resting liquidity sits), sizes growing with the
 * distance from the touch. The spread stays within a tick or two of the reference. Levels that the shape no longer
 * holds (the old touch after the price moved away) are cancelled. Single writer.
 */
final class BookShaper {

    /** Levels at consecutive ticks from the touch on each side (fewer when the configured depth is smaller). */
    static final int DENSE_LEVELS = 20;
    /** How far (in ticks) the touch may sit behind the reference before a level is put back at the reference. */
    private static final int MAX_TOUCH_LAG = 1;
    /** The grid levels reach about this fraction of the price away from the dense zone. */
    private static final double GRID_REACH = 0.005;

    private final TickBook book;
    private final int dense;
    private final int gridLevels;
    private final long grid;
    private final long typicalLots;

    /**
     * @param depth       levels per side
     * @param startTicks  the starting price, which sets the grid's step
     * @param typicalLots a typical level's size near the touch
     */
    BookShaper(TickBook book, int depth, long startTicks, long typicalLots) {
        this.book = book;
        this.dense = Math.min(DENSE_LEVELS, depth);
        this.gridLevels = depth - dense;
        this.grid = Math.max(1, Math.round(startTicks * GRID_REACH / Math.max(1, gridLevels)));
        this.typicalLots = typicalLots;
    }

    /** Brings both sides into shape around {@code fair}: bids at or below it, asks above it. */
    void shape(long fair, SplittableRandom random) {
        book.removeAcross(fair);
        shapeSide(true, fair, random);
        shapeSide(false, fair, random);
    }

    /** The levels a move of the reference to {@code fair} goes through on the side it moves into, nearest first. */
    List<long[]> crossedBy(long fair) {
        List<long[]> out = new ArrayList<>();
        for (var e : book.side(false).headMap(fair, true).entrySet()) {
            out.add(new long[] {e.getKey(), e.getValue()});
        }
        for (var e : book.side(true).headMap(fair, false).entrySet()) {
            out.add(new long[] {e.getKey(), e.getValue()});
        }
        return out;
    }

    private void shapeSide(boolean bid, long fair, SplittableRandom random) {
        int away = bid ? -1 : 1;
        long reference = bid ? fair : fair + 1;
        if (reference <= 0) {
            return;
        }
        if (book.depth(bid) == 0 || (book.priceAt(bid, 0) - reference) * away > MAX_TOUCH_LAG) {
            set(bid, reference, 0, random);
        }
        long touch = book.priceAt(bid, 0);
        long denseEnd = touch;
        for (int i = 0; i < dense && touch + (long) away * i > 0; i++) {
            denseEnd = touch + (long) away * i;
            if (book.lotsAt(bid, denseEnd) == 0) {
                set(bid, denseEnd, i, random);
            }
        }
        long first = bid ? Math.floorDiv(denseEnd - 1, grid) * grid : (Math.floorDiv(denseEnd, grid) + 1) * grid;
        long last = first + (long) away * grid * (gridLevels - 1);
        List<Long> stale = new ArrayList<>();
        for (long p : book.side(bid).tailMap(denseEnd, false).keySet()) {
            if (gridLevels == 0 || p % grid != 0 || (p - last) * away > 0) {
                stale.add(p);
            }
        }
        stale.forEach(p -> book.set(bid, p, 0));
        for (int k = 0; k < gridLevels; k++) {
            long p = first + (long) away * grid * k;
            if (p <= 0) {
                break;
            }
            if (book.lotsAt(bid, p) == 0) {
                set(bid, p, dense + 2 * k, random);
            }
        }
    }

    private void set(boolean bid, long price, int distance, SplittableRandom random) {
        book.set(bid, price, lots(distance, random));
    }

    /** A level's size: larger the farther from the touch, log-normally scattered. */
    long lots(int distance, SplittableRandom random) {
        double mean = typicalLots * (0.4 + 0.12 * distance);
        return Math.max(1, Math.round(mean * Math.exp(0.6 * random.nextGaussian() - 0.18)));
    }
}
