package io.tickgate.store.export;

import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.Kline;
import io.tickgate.model.event.PriceLevel;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Channel;
import io.tickgate.model.topic.Topic;
import io.tickgate.store.api.HistoryStore;
import io.tickgate.store.api.TradeCursor;

import java.io.IOException;
import java.io.Writer;
import java.sql.SQLException;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Writes a topic's history over [{@code from}, {@code to}] as CSV with a header line, ascending, reading
 * {@link #PAGE} rows at a time (trades by cursor, candles by open time). Trades:
 * {@code time,id,price,qty,side}; candles: {@code openTime,closeTime,open,high,low,close,volume,trades}. Decimals are
 * the venue's text; a trade id holding a comma, quote or line break is quoted (RFC 4180). Book snapshots: one line
 * per level, {@code time,sequence,side,level,price,size} ({@code level} 0 is the best).
 */
public final class CsvExport {

    static final int PAGE = 10_000;

    private CsvExport() {
    }

    /**
     * Exports; returns the number of rows written.
     *
     * @throws IllegalArgumentException if {@code topic} is neither a trade, a kline nor a book topic
     */
    public static long export(HistoryStore store, Topic topic, long from, long to, Writer out)
            throws SQLException, IOException {
        if (topic.channel().isTrade()) {
            return trades(store, topic, from, to, out);
        }
        if (topic.channel().isKline()) {
            return klines(store, topic, from, to, out);
        }
        if (topic.channel() == Channel.BOOK) {
            return books(store, topic, from, to, out);
        }
        throw new IllegalArgumentException("--topic: " + topic + " is neither a trade, a kline nor a book topic");
    }

    private static long trades(HistoryStore store, Topic topic, long from, long to, Writer out)
            throws SQLException, IOException {
        out.write("time,id,price,qty,side\n");
        long n = 0;
        TradeCursor after = null;
        while (true) {
            List<Trade> page = store.trades(topic, from, to, after, PAGE);
            for (Trade t : page) {
                out.write(t.timestamp() + "," + quoted(t.tradeId()) + "," + t.price() + "," + t.quantity() + ","
                        + t.side().wireName() + "\n");
            }
            n += page.size();
            if (page.size() < PAGE) {
                return n;
            }
            Trade last = page.get(page.size() - 1);
            after = new TradeCursor(last.timestamp(), last.tradeId());
        }
    }

    private static long klines(HistoryStore store, Topic topic, long from, long to, Writer out)
            throws SQLException, IOException {
        out.write("openTime,closeTime,open,high,low,close,volume,trades\n");
        return byTime(from, to, (next, limit) -> store.klines(topic, next, to, limit), Kline::openTime,
                k -> out.write(k.openTime() + "," + k.closeTime() + "," + k.open() + "," + k.high() + "," + k.low()
                        + "," + k.close() + "," + k.volume() + "," + k.trades() + "\n"));
    }

    private static long books(HistoryStore store, Topic topic, long from, long to, Writer out)
            throws SQLException, IOException {
        out.write("time,sequence,side,level,price,size\n");
        return byTime(from, to, (next, limit) -> store.books(topic, next, to, limit), BookSnapshot::timestamp, b -> {
            levels(out, b, "bid", b.bids());
            levels(out, b, "ask", b.asks());
        });
    }

    /** Reads one page of rows from {@code from} on. */
    @FunctionalInterface
    private interface Page<T> {
        List<T> read(long from, int limit) throws SQLException;
    }

    /** Writes one row's lines. */
    @FunctionalInterface
    private interface Lines<T> {
        void write(T row) throws IOException;
    }

    /** Rows keyed by a unique time, page after page (the next from the last one's time + 1); returns how many. */
    private static <T> long byTime(long from, long to, Page<T> pages, ToLongFunction<T> time, Lines<T> lines)
            throws SQLException, IOException {
        long n = 0;
        long next = from;
        while (next <= to) {
            List<T> page = pages.read(next, PAGE);
            for (T row : page) {
                lines.write(row);
            }
            n += page.size();
            if (page.size() < PAGE) {
                return n;
            }
            next = time.applyAsLong(page.get(page.size() - 1)) + 1;
        }
        return n;
    }

    private static void levels(Writer out, BookSnapshot b, String side, List<PriceLevel> levels) throws IOException {
        for (int i = 0; i < levels.size(); i++) {
            out.write(b.timestamp() + "," + b.sequence() + "," + side + "," + i + "," + levels.get(i).price() + ","
                    + levels.get(i).size() + "\n");
        }
    }

    private static String quoted(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
