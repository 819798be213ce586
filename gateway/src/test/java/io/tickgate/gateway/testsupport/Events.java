package io.tickgate.gateway.testsupport;

import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.BookDelta;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.BookTop;
import io.tickgate.model.event.Kline;
import io.tickgate.model.event.PriceLevel;
import io.tickgate.model.event.Side;
import io.tickgate.model.event.Ticker;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Interval;
import java.util.ArrayList;
import java.util.List;

/** Canonical events for tests, all from source {@code sim}. */
public final class Events {

    public static final String SOURCE = "sim";
    public static final long T0 = 1_700_000_000_000L;

    private Events() {
    }

    public static Trade trade(String symbol, long id) {
        return new Trade(SOURCE, symbol, Long.toString(id), Decimal.parse("101.5"), Decimal.parse("0.20"), Side.BUY,
                T0 + id);
    }

    public static Ticker ticker(String symbol, String last) {
        return new Ticker(SOURCE, symbol, Decimal.parse(last), Decimal.parse("100.1"), Decimal.parse("2"),
                Decimal.parse("100.2"), Decimal.parse("3"), null, null, null, Decimal.parse("12345.678"), T0);
    }

    public static BookTop bookTop(String symbol, String bid, String ask) {
        return new BookTop(SOURCE, symbol, Decimal.parse(bid), Decimal.parse("1"), Decimal.parse(ask),
                Decimal.parse("2"), T0);
    }

    public static Kline kline(String symbol, String close, boolean closed) {
        return new Kline(SOURCE, symbol, Interval.M1, T0, Decimal.parse("100"), Decimal.parse("102"),
                Decimal.parse("99"), Decimal.parse(close), Decimal.parse("10.5"), 7, closed, T0 + 1);
    }

    /** levels: "price:size" strings. */
    public static BookSnapshot bookSnapshot(String symbol, List<String> bids, List<String> asks, long seq) {
        return new BookSnapshot(SOURCE, symbol, levels(bids), levels(asks), seq, T0);
    }

    public static BookDelta bookDelta(String symbol, List<String> bids, List<String> asks, long seq) {
        return new BookDelta(SOURCE, symbol, levels(bids), levels(asks), seq, seq, T0 + seq);
    }

    private static List<PriceLevel> levels(List<String> specs) {
        List<PriceLevel> out = new ArrayList<>();
        for (String s : specs) {
            String[] p = s.split(":");
            out.add(PriceLevel.of(p[0], p[1]));
        }
        return out;
    }
}
