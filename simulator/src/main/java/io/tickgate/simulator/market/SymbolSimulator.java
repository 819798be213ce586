package io.tickgate.simulator.market;

import io.tickgate.model.event.BookDelta;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.BookTop;
import io.tickgate.model.event.PriceLevel;
import io.tickgate.model.event.Ticker;
import io.tickgate.simulator.instrument.Instrument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The market of one instrument on one venue. The venue's reference price is the instrument's shared
 * {@link FairValue} times (1 + the venue's basis), a small mean-reverting difference; the book straddles it (bids at
 * or below, asks above, so never crossed) in the shape {@link BookShaper} keeps. When the reference moves through
 * resting levels, the nearest of them trade (aggressive orders sweeping the book) before the rest is cancelled; in
 * between, random actions trade at the touch (in bursts whose odds grow with recent trading), improve the spread or
 * change and cancel levels near the top. Each change of the book is published as one {@link BookDelta} with
 * venue-style update ids, after the trade that caused it. Single writer.
 */
final class SymbolSimulator {

    /** Relative standard deviation of a venue's basis to the fair value (half a basis point). */
    static final double BASIS_STD = 5e-5;
    private static final double BASIS_REVERSION_SECONDS = 30;
    /** How far (relative) the reference may move before the book follows at once: a basis point. */
    private static final double FOLLOW_THRESHOLD = 1e-4;
    /** Swept levels that print a trade when the reference moves through the book; farther ones are cancelled. */
    private static final int SWEEP_TRADES = 3;

    private final Instrument instrument;
    private final long tickerIntervalMillis;
    private final TickBook book = new TickBook();
    private final BookShaper shaper;
    private final FairValue fairValue;
    private final OuProcess basis;
    private final TradePrinter trades;
    private long basisStep;
    private long fair;
    private boolean hot;
    private long sequence;
    private long lastTickerAt = Long.MIN_VALUE;
    private long topBid;
    private long topBidLots;
    private long topAsk;
    private long topAskLots;
    private long timestamp;

    SymbolSimulator(Instrument instrument, FairValue fairValue, SimulatorConfig config, SplittableRandom random) {
        this.instrument = instrument;
        this.fairValue = fairValue;
        this.tickerIntervalMillis = config.tickerIntervalMillis();
        this.shaper = new BookShaper(book, config.bookDepth(), instrument.startTicks(), instrument.typicalLots());
        this.basis = new OuProcess(FairValue.STEP_MILLIS / 1000.0, BASIS_REVERSION_SECONDS, BASIS_STD, random.split());
        this.sequence = 1_000_000L + random.nextLong(1_000_000_000L);
        this.trades = new TradePrinter(instrument, config.tickerWindowMillis(),
                100_000_000L + random.nextLong(1_000_000_000L));
        this.fair = instrument.startTicks();
        shaper.shape(fair, random);
        book.drainChanges(true);
        book.drainChanges(false);
        rememberTop();
    }

    Instrument instrument() {
        return instrument;
    }

    boolean hot() {
        return hot;
    }

    void hot(boolean hot) {
        this.hot = hot;
    }

    /** The full engine book as a snapshot at the current sequence. */
    BookSnapshot snapshot() {
        return new BookSnapshot(instrument.source(), instrument.symbol(), levels(true), levels(false), sequence,
                timestamp);
    }

    /** Publishes the opening state: full book, top of book and ticker. */
    void open(long now, EventEmitter out) {
        timestamp = now;
        out.emit(snapshot());
        out.emit(top());
        emitTicker(now, out);
    }

    /** Closes candles whose interval ended by {@code now}, even without trades. */
    void onTime(long now, EventEmitter out) {
        trades.onTime(now, out);
    }

    /** The venue's reference price in ticks at {@code now}: the fair value with the venue's basis. */
    double reference(long now) {
        double ticks = fairValue.ticks(now);
        long step = fairValue.stepAt(now);
        for (; basisStep < step; basisStep++) {
            basis.step();
        }
        return ticks * (1 + basis.value());
    }

    /**
     * True when the reference has moved more than a basis point (and at least two ticks) away from where the book
     * was last put, so that the book must follow now rather than when the symbol is next picked: a quiet symbol's
     * book then lags its fair value by little, whatever the event rate, and venues stay close to each other.
     */
    boolean lagging(long now) {
        double moved = Math.abs(reference(now) - fair);
        return moved >= 2 && moved >= fair * FOLLOW_THRESHOLD;
    }

    /** Follows the reference price to {@code now}, performs one random market action and publishes what it caused. */
    void act(long now, SplittableRandom random, EventEmitter out) {
        timestamp = now;
        long target = Math.max(1, (long) Math.floor(reference(now)));
        if (target != fair) {
            sweep(target, now, random, out);
        }
        double excited = 1 - Math.exp(-trades.excitation(now) / 4);
        double tradeShare = (hot ? 0.30 : 0.18) + 0.45 * excited;
        double r = random.nextDouble();
        if (r < tradeShare) {
            boolean buy = random.nextBoolean();
            do {
                tradeAtTouch(buy, now, random, out);
            } while (random.nextDouble() < 0.25 + 0.4 * excited);
        } else if (r < tradeShare + 0.15) {
            quoteInsideSpread(random);
        } else {
            requote(random);
        }
        shaper.shape(fair, random);
        publishChanges(now, random, out);
        if (now - lastTickerAt >= tickerIntervalMillis) {
            emitTicker(now, out);
        }
    }

    /** The reference moved to {@code target}: the nearest levels it went through trade, the others are cancelled. */
    private void sweep(long target, long now, SplittableRandom random, EventEmitter out) {
        boolean buy = target > fair;
        List<long[]> crossed = shaper.crossedBy(target);
        for (int i = 0; i < Math.min(SWEEP_TRADES, crossed.size()); i++) {
            long[] level = crossed.get(i);
            trades.print(now, level[0], level[1], buy, out);
            book.set(!buy, level[0], 0);
            publishChanges(now, random, out);
        }
        fair = target;
    }

    /** A trade at the touch against resting orders of one side, then the book change it caused. */
    private void tradeAtTouch(boolean buy, long now, SplittableRandom random, EventEmitter out) {
        boolean restingBid = !buy;
        if (book.depth(restingBid) == 0) {
            return;
        }
        long price = book.priceAt(restingBid, 0);
        long available = book.lotsAt(restingBid, price);
        long lots = random.nextDouble() < 0.3 ? available : 1 + random.nextLong(available);
        trades.print(now, price, lots, buy, out);
        book.set(restingBid, price, available - lots);
        publishChanges(now, random, out);
    }

    /** A new best level one tick inside the spread, on the side of the reference it belongs to. */
    private void quoteInsideSpread(SplittableRandom random) {
        boolean bid = random.nextBoolean();
        if (bid) {
            long p = book.bestBid() + 1;
            if (p <= fair && p < book.bestAsk()) {
                book.set(true, p, shaper.lots(0, random));
            }
        } else {
            long p = book.bestAsk() - 1;
            if (p > fair && p > book.bestBid()) {
                book.set(false, p, shaper.lots(0, random));
            }
        }
    }

    /** Changes or cancels a level, mostly near the top. */
    private void requote(SplittableRandom random) {
        boolean bid = random.nextBoolean();
        int n = book.depth(bid);
        if (n == 0) {
            return;
        }
        int index = (int) Math.min(n - 1, Math.floor(Math.log(1 - random.nextDouble()) / Math.log(0.7)));
        long price = book.priceAt(bid, index);
        book.set(bid, price, random.nextDouble() < 0.2 ? 0 : shaper.lots(index, random));
    }

    private void publishChanges(long now, SplittableRandom random, EventEmitter out) {
        if (!book.hasChanges()) {
            return;
        }
        if (book.isCrossed()) {
            throw new IllegalStateException("crossed book " + instrument.symbol());
        }
        long first = sequence + 1;
        sequence = first + random.nextInt(3);
        out.emit(new BookDelta(instrument.source(), instrument.symbol(), toLevels(book.drainChanges(true)),
                toLevels(book.drainChanges(false)), first, sequence, now));
        if (topChanged()) {
            rememberTop();
            out.emit(top());
        }
    }

    private void emitTicker(long now, EventEmitter out) {
        lastTickerAt = now;
        TickerWindow ticker = trades.ticker();
        ticker.roll(now);
        out.emit(new Ticker(instrument.source(), instrument.symbol(), instrument.price(ticker.last()),
                topBid == 0 ? null : instrument.price(topBid), topBid == 0 ? null : instrument.quantity(topBidLots),
                topAsk == 0 ? null : instrument.price(topAsk), topAsk == 0 ? null : instrument.quantity(topAskLots),
                instrument.price(ticker.open()), instrument.price(ticker.high()), instrument.price(ticker.low()),
                instrument.quantity(ticker.volume()), now));
    }

    private boolean topChanged() {
        long bid = book.bestBid();
        long ask = book.depth(false) == 0 ? 0 : book.bestAsk();
        return bid != topBid || ask != topAsk || book.lotsAt(true, bid) != topBidLots
                || book.lotsAt(false, ask) != topAskLots;
    }

    private void rememberTop() {
        topBid = book.bestBid();
        topAsk = book.depth(false) == 0 ? 0 : book.bestAsk();
        topBidLots = book.lotsAt(true, topBid);
        topAskLots = book.lotsAt(false, topAsk);
    }

    private BookTop top() {
        return new BookTop(instrument.source(), instrument.symbol(),
                topBid == 0 ? null : instrument.price(topBid), topBid == 0 ? null : instrument.quantity(topBidLots),
                topAsk == 0 ? null : instrument.price(topAsk), topAsk == 0 ? null : instrument.quantity(topAskLots),
                timestamp);
    }

    private List<PriceLevel> levels(boolean bid) {
        List<PriceLevel> out = new ArrayList<>(book.depth(bid));
        for (Map.Entry<Long, Long> e : book.side(bid).entrySet()) {
            out.add(new PriceLevel(instrument.price(e.getKey()), instrument.quantity(e.getValue())));
        }
        return out;
    }

    private List<PriceLevel> toLevels(List<long[]> changes) {
        List<PriceLevel> out = new ArrayList<>(changes.size());
        for (long[] c : changes) {
            out.add(new PriceLevel(instrument.price(c[0]), instrument.quantity(c[1])));
        }
        return out;
    }

}
