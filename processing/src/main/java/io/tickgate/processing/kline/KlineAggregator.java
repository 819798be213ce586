package io.tickgate.processing.kline;

import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.Kline;
import io.tickgate.model.event.Trade;
import io.tickgate.model.event.TradeIds;
import io.tickgate.model.topic.Interval;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Aggregates the trades of one instrument into candles for a set of intervals. Single writer.
 *
 * <p>Closing: a trade in a later interval closes the open candle at once; a quiet interval's candle is closed by
 * {@link #onTime} once its end plus {@code closeGraceMillis} has passed on the processing clock, so trades stamped
 * before the end that arrive a little after it (network latency) still count.
 *
 * <p>Late-trade rule: a trade whose timestamp falls in a candle already published as closed (before the open candle,
 * or in one {@link #onTime} closed) is too late for that interval: it is not applied, never reopens the candle, and
 * is counted in {@link #lateTrades()}. Except for a trade recovered by a backfill ({@link #onTrade(Trade, boolean)}):
 * one that falls in the candle {@link #onTime} closed last, with no later candle open, was missed by an upstream
 * vacancy that outlasted the close; the candle is amended with it and published closed again (not open meanwhile)
 * when the next trade or the clock closes it, so it carries the values the venue's trades give.
 */
public final class KlineAggregator {

    private final String source;
    private final String symbol;
    private final Map<Interval, Candle> open = new EnumMap<>(Interval.class);
    /** Per interval: the open time of the last candle published as closed. */
    private final Map<Interval, Long> closedThrough = new EnumMap<>(Interval.class);
    /** Per interval: the candle {@link #onTime} closed last, while no later one is open (a backfill may amend it). */
    private final Map<Interval, Candle> timeClosed = new EnumMap<>(Interval.class);
    private final Set<Interval> intervals;
    private final long closeGraceMillis;
    private long lateTrades;

    /** Candles closed by time as soon as their interval ends (no grace). */
    public KlineAggregator(String source, String symbol, Set<Interval> intervals) {
        this(source, symbol, intervals, 0);
    }

    /**
     * @param closeGraceMillis how long after its end a quiet candle stays open for trades stamped within it
     */
    public KlineAggregator(String source, String symbol, Set<Interval> intervals, long closeGraceMillis) {
        if (closeGraceMillis < 0) {
            throw new IllegalArgumentException("closeGraceMillis must be >= 0: " + closeGraceMillis);
        }
        this.source = source;
        this.symbol = symbol;
        this.intervals = Set.copyOf(intervals);
        this.closeGraceMillis = closeGraceMillis;
    }

    /**
     * Applies a trade and returns the klines to publish: for each interval, the candle it closed (if any, with
     * {@code closed=true}) then the updated open candle.
     */
    public List<Kline> onTrade(Trade trade) {
        return onTrade(trade, false);
    }

    /**
     * As {@link #onTrade(Trade)}; {@code recovered}: the trade was missed live and recovered by a backfill, so it may
     * amend the candle closed last by time (see the class comment).
     */
    public List<Kline> onTrade(Trade trade, boolean recovered) {
        List<Kline> out = new ArrayList<>(intervals.size() * 2);
        boolean late = false;
        for (Interval interval : intervals) {
            long start = interval.floor(trade.timestamp());
            Candle c = open.get(interval);
            Long closed = closedThrough.get(interval);
            Candle amend = timeClosed.get(interval);
            if (recovered && c == null && amend != null && amend.openTime == start) {
                c = amend; // missed while the vacancy outlasted its close: amended, published closed again
                c.amending = true;
                open.put(interval, c);
                timeClosed.remove(interval);
                closedThrough.put(interval, start - interval.millis());
                closed = closedThrough.get(interval);
            }
            if ((c != null && start < c.openTime) || (closed != null && start <= closed)) {
                late = true;
                continue;
            }
            if (c != null && start > c.openTime) {
                out.add(c.toKline(interval, true, trade.timestamp()));
                closedThrough.put(interval, c.openTime);
                timeClosed.remove(interval);
                c = null;
            }
            if (c == null) {
                c = new Candle(start, trade.price());
                open.put(interval, c);
                timeClosed.remove(interval);
            }
            c.add(trade);
            if (!c.amending) {
                out.add(c.toKline(interval, false, trade.timestamp()));
            }
        }
        if (late) {
            lateTrades++;
        }
        return out;
    }

    /**
     * Closes every open candle whose interval ended at least {@code closeGraceMillis} before {@code nowMillis} and
     * returns them as final klines.
     */
    public List<Kline> onTime(long nowMillis) {
        List<Kline> out = new ArrayList<>();
        for (Interval interval : intervals) {
            Candle c = open.get(interval);
            if (c != null && nowMillis >= c.openTime + interval.millis() + closeGraceMillis) {
                out.add(c.toKline(interval, true, nowMillis));
                open.remove(interval);
                closedThrough.put(interval, c.openTime);
                c.amending = false;
                timeClosed.put(interval, c);
            }
        }
        return out;
    }

    /**
     * Adds what an earlier run of this process saw of the candle that is open now (a restart in the middle of an
     * interval): {@code earlier} holds the trades of {@code earlier.openTime()} up to the restart, read back from the
     * history store. They are earlier than every trade this run applied, so the candle opens at their open, its
     * high, low, volume and trade count include them, and its close stays this run's last price when it has one.
     * Ignored when that candle is already closed here, when a later one is open, or for an interval not built.
     *
     * @return the open candle with the earlier trades in it, to publish; null when ignored
     */
    public Kline seed(Kline earlier, long nowMillis) {
        Interval interval = earlier.interval();
        Candle c = open.get(interval);
        Long closed = closedThrough.get(interval);
        if (!intervals.contains(interval) || earlier.trades() <= 0 || (closed != null && earlier.openTime() <= closed)
                || (c != null && c.openTime != earlier.openTime())) {
            return null;
        }
        Candle merged = new Candle(earlier.openTime(), earlier.open());
        merged.high = earlier.high();
        merged.low = earlier.low();
        merged.close = earlier.close();
        merged.volume = earlier.volume().toBigDecimal();
        merged.trades = earlier.trades();
        merged.firstTs = Long.MIN_VALUE; // the earlier run's trades precede every trade of this one
        merged.lastTs = earlier.openTime();
        if (c != null) {
            merged.high = c.high.compareTo(merged.high) > 0 ? c.high : merged.high;
            merged.low = c.low.compareTo(merged.low) < 0 ? c.low : merged.low;
            merged.close = c.close;
            merged.lastTs = c.lastTs;
            merged.lastId = c.lastId;
            merged.volume = merged.volume.add(c.volume);
            merged.trades += c.trades;
        }
        open.put(interval, merged);
        return merged.toKline(interval, false, nowMillis);
    }

    /** The open candle of an interval, or null. */
    public Kline openCandle(Interval interval, long nowMillis) {
        Candle c = open.get(interval);
        return c == null ? null : c.toKline(interval, false, nowMillis);
    }

    public long lateTrades() {
        return lateTrades;
    }

    /** Orders two trades by timestamp, then by numeric id; 0 when they tie or an id is not a number. */
    private static int order(long ts, long id, long otherTs, long otherId) {
        if (ts != otherTs) {
            return Long.compare(ts, otherTs);
        }
        return id == TradeIds.NONE || otherId == TradeIds.NONE ? 0 : Long.compare(id, otherId);
    }

    /**
     * One interval's candle. Its open and close are those of its earliest and latest trade by (timestamp, numeric
     * id), not by arrival: a recovered trade older than the ones applied (a standby's backfill of ids it never
     * received, applied after its own newer ones) counts in high, low, volume and count but moves neither the close
     * nor, unless it is the earliest, the open. Trades that tie (same millisecond, an id not a number) keep arrival
     * order.
     */
    private final class Candle {
        final long openTime;
        Decimal openPrice;
        Decimal high;
        Decimal low;
        Decimal close;
        BigDecimal volume = BigDecimal.ZERO;
        long trades;
        /** The (timestamp, id) of the trade that set the open and the close; none yet: past either end. */
        long firstTs = Long.MAX_VALUE;
        long firstId = TradeIds.NONE;
        long lastTs = Long.MIN_VALUE;
        long lastId = TradeIds.NONE;
        /** Reopened by a recovered trade after {@link #onTime} closed it: published again only closed. */
        boolean amending;

        Candle(long openTime, Decimal price) {
            this.openTime = openTime;
            this.openPrice = price;
            this.high = price;
            this.low = price;
            this.close = price;
        }

        void add(Trade t) {
            if (t.price().compareTo(high) > 0) {
                high = t.price();
            }
            if (t.price().compareTo(low) < 0) {
                low = t.price();
            }
            long ts = t.timestamp();
            long id = TradeIds.parse(t.tradeId());
            if (order(ts, id, lastTs, lastId) >= 0) {
                close = t.price();
                lastTs = ts;
                lastId = id;
            }
            if (order(ts, id, firstTs, firstId) < 0) {
                openPrice = t.price();
                firstTs = ts;
                firstId = id;
            }
            volume = volume.add(t.quantity().toBigDecimal());
            trades++;
        }

        Kline toKline(Interval interval, boolean closed, long now) {
            return new Kline(source, symbol, interval, openTime, openPrice, high, low, close, Decimal.of(volume),
                    trades, closed, now);
        }
    }
}
