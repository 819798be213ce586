package io.tickgate.store.api;

import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.Kline;
import io.tickgate.model.event.Side;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Interval;

/** Test rows with the text a venue sends (trailing zeros kept, so a changed decimal text shows). */
public final class TestRows {

    private TestRows() {
    }

    public static Trade trade(String symbol, long id, long ts) {
        return new Trade("binance", symbol, Long.toString(id), Decimal.parse("65000." + (id % 100) + "0"),
                Decimal.parse("0.00100000"), id % 2 == 0 ? Side.BUY : Side.SELL, ts);
    }

    public static Kline kline(String symbol, Interval interval, long openTime) {
        return new Kline("binance", symbol, interval, openTime, Decimal.parse("100.10"), Decimal.parse("101.00"),
                Decimal.parse("99.50"), Decimal.parse("100.20"), Decimal.parse("12.34000000"), 42, true,
                openTime + interval.millis() + 5);
    }
}
