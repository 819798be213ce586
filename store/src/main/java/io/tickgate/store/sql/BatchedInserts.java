package io.tickgate.store.sql;

import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.Kline;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Topic;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * Inserts rows as one JDBC batch of {@code INSERT .. ON CONFLICT DO NOTHING} statements (candles: {@code DO UPDATE},
 * the last closed version counts): the write path of a database without a bulk-load API worth its while (SQLite;
 * the embedded candidates the benchmark compares).
 */
public final class BatchedInserts {

    private BatchedInserts() {
    }

    public static void trades(Connection c, List<Trade> trades, Map<Topic, Integer> ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO trades (topic_id, " + Rows.TRADE_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (Trade t : trades) {
                ps.setInt(1, ids.get(t.topic()));
                ps.setLong(2, t.timestamp());
                ps.setString(3, t.tradeId());
                ps.setString(4, t.price().toString());
                ps.setString(5, t.quantity().toString());
                ps.setString(6, Rows.side(t.side()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public static void klines(Connection c, List<Kline> klines, Map<Topic, Integer> ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO klines (topic_id, " + Rows.KLINE_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) " + Rows.KLINE_UPSERT)) {
            for (Kline k : klines) {
                ps.setInt(1, ids.get(k.topic()));
                ps.setLong(2, k.openTime());
                ps.setString(3, k.open().toString());
                ps.setString(4, k.high().toString());
                ps.setString(5, k.low().toString());
                ps.setString(6, k.close().toString());
                ps.setString(7, k.volume().toString());
                ps.setLong(8, k.trades());
                ps.setLong(9, k.timestamp());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public static void books(Connection c, List<BookSnapshot> books, Map<Topic, Integer> ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO books (topic_id, " + Rows.BOOK_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (BookSnapshot b : books) {
                ps.setInt(1, ids.get(b.topic()));
                ps.setLong(2, b.timestamp());
                ps.setLong(3, b.sequence());
                ps.setString(4, BookLevels.encode(b.bids()));
                ps.setString(5, BookLevels.encode(b.asks()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
