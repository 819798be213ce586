package io.tickgate.store.rest;

import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.Kline;
import io.tickgate.model.topic.Interval;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds candles of a longer interval from consecutive candles of a shorter one that divides it (5m from 1m):
 * open of the first, close of the last, highest high, lowest low, summed volume and trade count. A built candle is
 * closed only when its last part is the last part of its interval and closed.
 */
public final class KlineAggregator {

    private KlineAggregator() {
    }

    /** {@code parts} ascending by open time, all of one topic. */
    public static List<Kline> aggregate(List<Kline> parts, Interval target) {
        List<Kline> out = new ArrayList<>();
        int i = 0;
        while (i < parts.size()) {
            long start = target.floor(parts.get(i).openTime());
            int j = i;
            while (j < parts.size() && target.floor(parts.get(j).openTime()) == start) {
                j++;
            }
            out.add(merge(parts.subList(i, j), target, start));
            i = j;
        }
        return out;
    }

    private static Kline merge(List<Kline> group, Interval target, long start) {
        Kline first = group.get(0);
        Kline last = group.get(group.size() - 1);
        Decimal high = first.high();
        Decimal low = first.low();
        BigDecimal volume = BigDecimal.ZERO;
        long trades = 0;
        for (Kline k : group) {
            high = k.high().compareTo(high) > 0 ? k.high() : high;
            low = k.low().compareTo(low) < 0 ? k.low() : low;
            volume = volume.add(k.volume().toBigDecimal());
            trades += k.trades();
        }
        boolean closed = last.closed() && last.closeTime() == start + target.millis() - 1;
        return new Kline(first.source(), first.symbol(), target, start, first.open(), high, low, last.close(),
                Decimal.of(volume), trades, closed, last.timestamp());
    }
}
