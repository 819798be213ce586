package io.tickgate.store.backfill;

import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.Kline;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Channel;
import io.tickgate.model.topic.Interval;
import io.tickgate.model.topic.Topic;
import io.tickgate.store.api.HistoryStore;
import io.tickgate.store.api.TradeCursor;
import io.tickgate.store.rest.KlineAggregator;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The stored part of every candle that is open now. The open candle itself is never stored (only closed ones), so
 * each interval's part is rebuilt from what is: the closed candles of the next shorter built interval inside it, then,
 * for the time after the last of them (the shorter candle that was open at the stop), the same again one level down,
 * and at the bottom the stored trades. One range query per level and one (paged) trade query per symbol, whatever the
 * downtime: a 1d candle is 4h candles, then 1h, 15m, 5m, 1m, 1s candles, then at most a second or so of trades.
 */
public final class OpenCandleBackfill {

    private static final int PAGE = 1_000;
    /** Trades read at most for one symbol's bottom level (an interval of trades; more is a store far behind). */
    private static final int MAX_TRADES = 200_000;

    private final HistoryStore store;

    public OpenCandleBackfill(HistoryStore store) {
        this.store = store;
    }

    /**
     * For each of {@code intervals}: the part of the candle open at {@code now} that the store holds, as an open
     * kline, or nothing when the store holds no trade of it.
     *
     * @param trades the trade channel candles are built from (trade or aggTrade)
     */
    public List<Kline> openCandles(String source, String symbol, Channel trades, Set<Interval> intervals, long now)
            throws SQLException {
        List<Interval> built = intervals.stream().sorted(Comparator.comparingLong(Interval::millis)).toList();
        List<Kline> out = new ArrayList<>();
        for (int level = 0; level < built.size(); level++) {
            Interval interval = built.get(level);
            List<Kline> parts = parts(source, symbol, trades, built, level, interval.floor(now), now);
            if (!parts.isEmpty()) {
                Kline k = KlineAggregator.aggregate(parts, interval).get(0);
                out.add(new Kline(source, symbol, interval, k.openTime(), k.open(), k.high(), k.low(), k.close(),
                        k.volume(), k.trades(), false, now));
            }
        }
        return out;
    }

    /** What the store holds of {@code [from, to]} in time order, as candles of the level below and trades. */
    private List<Kline> parts(String source, String symbol, Channel trades, List<Interval> built, int level,
                              long from, long to) throws SQLException {
        if (level == 0) {
            return tradeParts(Topic.of(source, symbol, trades), from, to);
        }
        Interval shorter = built.get(level - 1);
        int most = (int) ((to - from) / shorter.millis() + 1); // every shorter candle inside: 6 (1d of 4h) .. 60
        List<Kline> parts = new ArrayList<>(store.klines(Topic.of(source, symbol, Channel.kline(shorter)), from,
                to - 1, most));
        long tail = parts.isEmpty() ? from : parts.get(parts.size() - 1).openTime() + shorter.millis();
        if (tail <= to) {
            parts.addAll(parts(source, symbol, trades, built, level - 1, tail, to));
        }
        return parts;
    }

    /** Stored trades of {@code [from, to]}, each as a candle of one trade (so one aggregation takes both). */
    private List<Kline> tradeParts(Topic topic, long from, long to) throws SQLException {
        List<Kline> parts = new ArrayList<>();
        TradeCursor after = null;
        while (parts.size() < MAX_TRADES) {
            List<Trade> page = store.trades(topic, from, to, after, PAGE);
            for (Trade t : page) {
                Decimal p = t.price();
                parts.add(new Kline(t.source(), t.symbol(), Interval.S1, t.timestamp(), p, p, p, p, t.quantity(), 1,
                        false, t.timestamp()));
            }
            if (page.size() < PAGE) {
                break;
            }
            Trade last = page.get(page.size() - 1);
            after = new TradeCursor(last.timestamp(), last.tradeId());
        }
        return parts;
    }
}
