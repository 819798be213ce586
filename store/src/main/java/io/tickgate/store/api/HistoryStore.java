package io.tickgate.store.api;

import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.Kline;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Topic;

import java.sql.SQLException;
import java.util.List;

/**
 * A backend of the history store. Writes are idempotent (a trade is keyed by topic, time and venue trade id, a candle
 * by topic and open time), so the writer may retry a batch whose outcome it did not learn without storing anything
 * twice. Prices and quantities are kept as the text the venue sent, so a read returns exactly what was published.
 *
 * <p>Thread safety: one writer thread calls {@link #write}; reads may come from any thread concurrently.
 */
public interface HistoryStore extends AutoCloseable {

    /** The backend's name for logs and metrics: {@code postgres} or {@code sqlite}. */
    String backend();

    /** Stores a batch in one transaction; rows already stored are skipped. */
    void write(Batch batch) throws SQLException;

    /**
     * Trades of {@code topic} with {@code from <= timestamp <= to}, ascending by (timestamp, trade id), after
     * {@code after} (null: from the start of the range), at most {@code limit}.
     */
    List<Trade> trades(Topic topic, long from, long to, TradeCursor after, int limit) throws SQLException;

    /** Closed candles of {@code topic} with {@code from <= openTime <= to}, ascending, at most {@code limit}. */
    List<Kline> klines(Topic topic, long from, long to, int limit) throws SQLException;

    /**
     * The latest stored closed candles of {@code topic} opened at or before {@code to}, ascending, at most
     * {@code limit} (a chart opening on the recent past; the backfill on start).
     */
    List<Kline> lastKlines(Topic topic, long to, int limit) throws SQLException;

    /**
     * Stored book snapshots of {@code topic} (a book topic) with {@code from <= timestamp <= to}, ascending, at most
     * {@code limit}; each holds the top levels stored ({@code store.books.levels}).
     */
    List<BookSnapshot> books(Topic topic, long from, long to, int limit) throws SQLException;

    /**
     * Retention: drops trades and book snapshots older than {@code tradesBefore} and candles opened before
     * {@code klinesBefore} (epoch ms). A partitioned backend drops whole partitions, so it may keep rows somewhat
     * older than the cutoff.
     *
     * @return the number of partitions or rows dropped (for the log)
     */
    long dropBefore(long tradesBefore, long klinesBefore) throws SQLException;

    @Override
    void close();

    /** Rows to store together: trades, closed candles and book snapshots, each in the order received. */
    record Batch(List<Trade> trades, List<Kline> klines, List<BookSnapshot> books) {

        public Batch {
            trades = List.copyOf(trades);
            klines = List.copyOf(klines);
            books = List.copyOf(books);
        }

        /** Trades and candles, no book snapshots. */
        public Batch(List<Trade> trades, List<Kline> klines) {
            this(trades, klines, List.of());
        }

        public int size() {
            return trades.size() + klines.size() + books.size();
        }
    }
}
