package io.tickgate.simulator.market;

import io.tickgate.model.event.BookDelta;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.BookTop;
import io.tickgate.model.event.Kline;
import io.tickgate.model.event.PriceLevel;
import io.tickgate.model.event.Side;
import io.tickgate.model.event.Ticker;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Interval;
import io.tickgate.processing.kline.KlineAggregator;
import io.tickgate.simulator.instrument.Instrument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The market of one instrument: a hidden fair price doing a geometric random walk, a book of levels around it (bids
 * at or below fair, asks above it, so never crossed), trades at the touch, klines and a rolling ticker. Each action
 * publishes exactly the book levels it changed as one {@link BookDelta} with venue-style update ids. Single writer.
 */
final class SymbolSimulator {

    /** Relative volatility of one drift action, calm and hot. */
    private static final double CALM_SIGMA = 5e-6;
    private static final double HOT_SIGMA = 5e-5;
    /** Extra levels a side may hold beyond the configured depth before the farthest are dropped. */
    private static final int DEPTH_SLACK = 10;

    private final Instrument instrument;
    private final int depth;
    private final long tickerIntervalMillis;
    private final TickBook book = new TickBook();
    private final KlineAggregator klines1s;
    private final KlineAggregator klines1m;
    private final TickerWindow ticker;
    private final int maxGap;
    private long fair;
    private boolean hot;
    private long sequence;
    private long tradeId;
    private long lastTickerAt = Long.MIN_VALUE;
    private long topBid;
    private long topBidLots;
    private long topAsk;
    private long topAskLots;
    private long timestamp;

    SymbolSimulator(Instrument instrument, SimulatorConfig config, SplittableRandom random) {
        this.instrument = instrument;
        this.depth = config.bookDepth();
        this.tickerIntervalMillis = config.tickerIntervalMillis();
        this.klines1s = new KlineAggregator(instrument.source(), instrument.symbol(), Set.of(Interval.S1));
        this.klines1m = new KlineAggregator(instrument.source(), instrument.symbol(), Set.of(Interval.M1));
        this.ticker = new TickerWindow(config.tickerWindowMillis(), instrument.startTicks());
        this.fair = instrument.startTicks();
        this.maxGap = (int) Math.max(1, Math.min(5, fair / 20_000));
        this.sequence = 1_000_000L + random.nextLong(1_000_000_000L);
        this.tradeId = 100_000_000L + random.nextLong(1_000_000_000L);
        initBook(random);
    }

    private void initBook(SplittableRandom random) {
        long bid = fair;
        long ask = fair + 1;
        for (int i = 0; i < depth && bid > 0; i++) {
            book.set(true, bid, lots(random));
            bid -= gap(random);
        }
        for (int i = 0; i < depth; i++) {
            book.set(false, ask, lots(random));
            ask += gap(random);
        }
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
        for (Kline k : klines1s.onTime(now)) {
            out.emit(k);
        }
        for (Kline k : klines1m.onTime(now)) {
            out.emit(k);
        }
    }

    /** Performs one random market action and publishes what it caused. */
    void act(long now, SplittableRandom random, EventEmitter out) {
        timestamp = now;
        double tradeShare = hot ? 0.40 : 0.25;
        double r = random.nextDouble();
        if (r < tradeShare) {
            trade(now, random, out);
        } else if (r < tradeShare + 0.20) {
            drift(random);
        } else if (r < tradeShare + 0.30) {
            quoteInsideSpread(random);
        } else {
            requote(random);
        }
        refill(random);
        publishChanges(now, random, out);
        if (now - lastTickerAt >= tickerIntervalMillis) {
            emitTicker(now, out);
        }
    }

    private void trade(long now, SplittableRandom random, EventEmitter out) {
        boolean buy = random.nextBoolean();
        boolean restingBid = !buy;
        if (book.depth(restingBid) == 0) {
            return;
        }
        long price = restingBid ? book.bestBid() : book.bestAsk();
        long available = book.lotsAt(restingBid, price);
        long lots = random.nextDouble() < 0.3 ? available : 1 + random.nextLong(available);
        book.set(restingBid, price, available - lots);
        ticker.add(now, price, lots);
        Trade trade = new Trade(instrument.source(), instrument.symbol(), Long.toString(++tradeId),
                instrument.price(price), instrument.quantity(lots), buy ? Side.BUY : Side.SELL, now);
        out.emit(trade);
        for (Kline k : klines1s.onTrade(trade)) {
            out.emit(k);
        }
        for (Kline k : klines1m.onTrade(trade)) {
            out.emit(k);
        }
    }

    /** Moves the fair price (geometric, stochastic rounding to ticks) and pulls the book along. */
    private void drift(SplittableRandom random) {
        double x = random.nextGaussian() * (hot ? HOT_SIGMA : CALM_SIGMA) * fair;
        long move = (long) Math.floor(x + random.nextDouble());
        fair = Math.max(10, fair + move);
        book.removeAcross(fair);
        if (move > 0 && random.nextDouble() < 0.7 && book.lotsAt(true, fair) == 0) {
            book.set(true, fair, lots(random));
        } else if (move < 0 && random.nextDouble() < 0.7 && book.lotsAt(false, fair + 1) == 0) {
            book.set(false, fair + 1, lots(random));
        }
    }

    /** A new best level one tick inside the spread, on the side of fair it belongs to. */
    private void quoteInsideSpread(SplittableRandom random) {
        boolean bid = random.nextBoolean();
        if (bid) {
            long p = book.bestBid() + 1;
            if (p <= fair && p < book.bestAsk()) {
                book.set(true, p, lots(random));
            }
        } else {
            long p = book.bestAsk() - 1;
            if (p > fair && p > book.bestBid()) {
                book.set(false, p, lots(random));
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
        book.set(bid, price, random.nextDouble() < 0.2 ? 0 : lots(random));
    }

    /** Keeps each side between the configured depth and depth + slack levels by adding or dropping far levels. */
    private void refill(SplittableRandom random) {
        for (int s = 0; s < 2; s++) {
            boolean bid = s == 0;
            while (book.depth(bid) < depth) {
                long p;
                if (book.depth(bid) == 0) {
                    p = bid ? fair : fair + 1;
                } else {
                    p = bid ? book.farthest(true) - gap(random) : book.farthest(false) + gap(random);
                }
                if (p <= 0) {
                    break;
                }
                book.set(bid, p, lots(random));
            }
            while (book.depth(bid) > depth + DEPTH_SLACK) {
                book.set(bid, book.farthest(bid), 0);
            }
        }
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

    private long lots(SplittableRandom random) {
        double factor = Math.exp(random.nextGaussian());
        return Math.max(1, Math.round(instrument.typicalLots() * factor));
    }

    private int gap(SplittableRandom random) {
        return 1 + random.nextInt(maxGap);
    }
}
