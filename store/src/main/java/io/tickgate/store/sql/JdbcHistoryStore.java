package io.tickgate.store.sql;

import com.zaxxer.hikari.HikariDataSource;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.Kline;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Interval;
import io.tickgate.model.topic.Topic;
import io.tickgate.store.api.HistoryStore;
import io.tickgate.store.api.TradeCursor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The part of a SQL backend that does not depend on the database: topic ids, one transaction per batch, batched
 * inserts (a backend with a faster bulk path overrides them), and the range queries (served by the {@code (topic_id, time, ...)} primary keys, so a range is one index scan).
 */
public abstract class JdbcHistoryStore implements HistoryStore {

    /** Longest a history read may run before the database cancels it (the REST request then answers 500). */
    public static final int QUERY_TIMEOUT_SECONDS = 15;

    protected final HikariDataSource dataSource;
    private final TopicIds topicIds = new TopicIds();

    protected JdbcHistoryStore(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Inserts the batch's trades (each with its topic id), skipping those already stored, inside the transaction;
     * by default one JDBC batch of {@code INSERT .. ON CONFLICT DO NOTHING} ({@link BatchedInserts}).
     */
    protected void insertTrades(Connection c, List<Trade> trades, Map<Topic, Integer> ids) throws SQLException {
        BatchedInserts.trades(c, trades, ids);
    }

    /** Inserts the batch's candles, skipping those already stored, inside the transaction (as the trades). */
    protected void insertKlines(Connection c, List<Kline> klines, Map<Topic, Integer> ids) throws SQLException {
        BatchedInserts.klines(c, klines, ids);
    }

    /** Inserts the batch's book snapshots, skipping those already stored, inside the transaction (as the trades). */
    protected void insertBooks(Connection c, List<BookSnapshot> books, Map<Topic, Integer> ids) throws SQLException {
        BatchedInserts.books(c, books, ids);
    }

    /** Called before the batch's transaction, in auto-commit mode (PostgreSQL creates partitions here). */
    protected void prepare(Connection c, Batch batch) throws SQLException {
    }

    /** Called first in the batch's transaction (PostgreSQL sets the writer's session options here). */
    protected void begin(Connection c) throws SQLException {
    }

    @Override
    public void write(Batch batch) throws SQLException {
        if (batch.size() == 0) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            prepareAll(c, batch);
            c.setAutoCommit(false);
            try {
                begin(c);
                if (!batch.trades().isEmpty()) {
                    insertTrades(c, batch.trades(), ids(batch.trades()));
                }
                if (!batch.klines().isEmpty()) {
                    List<Kline> klines = Rows.lastOfEachCandle(batch.klines());
                    insertKlines(c, klines, ids(klines));
                }
                if (!batch.books().isEmpty()) {
                    insertBooks(c, batch.books(), ids(batch.books()));
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /**
     * Creates what the batch needs before its transaction, on {@code c} in auto-commit mode: its topics' ids and
     * whatever {@link #prepare} adds; afterwards both are cached, so a concurrent write of part of it creates nothing.
     */
    protected final void prepareAll(Connection c, Batch batch) throws SQLException {
        Set<Topic> topics = new HashSet<>();
        batch.trades().forEach(t -> topics.add(t.topic()));
        batch.klines().forEach(k -> topics.add(k.topic()));
        batch.books().forEach(b -> topics.add(b.topic()));
        for (Topic t : topics) {
            topicIds.resolve(c, t);
        }
        prepare(c, batch);
    }

    private Map<Topic, Integer> ids(List<? extends MarketEvent> events) {
        Map<Topic, Integer> ids = new HashMap<>();
        for (MarketEvent e : events) {
            ids.computeIfAbsent(e.topic(), topicIds::cached);
        }
        return ids;
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException r) {
            cause.addSuppressed(r);
        }
    }

    /**
     * A page of trades: topic_id, then from (or, after a cursor, the cursor's ts and trade_id), to, limit. The cursor
     * replaces {@code from} as a row-value lower bound, {@code (ts, trade_id) > (?, ?)}, rather than adding
     * {@code ts > ? OR (ts = ? AND trade_id > ?)}: both databases then seek the primary key (topic_id, ts, trade_id)
     * to the cursor, where the OR was a filter over every row from {@code from} on (a forged cursor far into a wide
     * range made each page read the whole range before it). A cursor before {@code from} bounds nothing.
     */
    static String tradesQuery(boolean afterCursor) {
        return "SELECT " + Rows.TRADE_COLUMNS + " FROM trades WHERE topic_id = ? AND "
                + (afterCursor ? "(ts, trade_id) > (?, ?)" : "ts >= ?") + " AND ts <= ? ORDER BY ts, trade_id LIMIT ?";
    }

    @Override
    public List<Trade> trades(Topic topic, long from, long to, TradeCursor after, int limit) throws SQLException {
        boolean afterCursor = after != null && after.timestamp() >= from;
        String sql = tradesQuery(afterCursor);
        try (Connection c = dataSource.getConnection()) {
            Integer id = topicIds.find(c, topic);
            if (id == null) {
                return List.of();
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
                int i = 1;
                ps.setInt(i++, id);
                if (afterCursor) {
                    ps.setLong(i++, after.timestamp());
                    ps.setString(i++, after.tradeId());
                } else {
                    ps.setLong(i++, from);
                }
                ps.setLong(i++, to);
                ps.setInt(i, limit);
                List<Trade> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(Rows.trade(topic, rs));
                    }
                }
                return out;
            }
        }
    }

    @Override
    public List<BookSnapshot> books(Topic topic, long from, long to, int limit) throws SQLException {
        return rangeQuery(topic, "SELECT " + Rows.BOOK_COLUMNS + " FROM books WHERE topic_id = ? AND ts >= ?"
                + " AND ts <= ? ORDER BY ts LIMIT ?", from, to, limit, rs -> Rows.book(topic, rs));
    }

    @Override
    public List<Kline> klines(Topic topic, long from, long to, int limit) throws SQLException {
        Interval interval = Rows.interval(topic.channel());
        return rangeQuery(topic, "SELECT " + Rows.KLINE_COLUMNS + " FROM klines WHERE topic_id = ?"
                + " AND open_time >= ? AND open_time <= ? ORDER BY open_time LIMIT ?", from, to, limit,
                rs -> Rows.kline(topic, interval, rs));
    }

    @Override
    public List<Kline> lastKlines(Topic topic, long to, int limit) throws SQLException {
        Interval interval = Rows.interval(topic.channel());
        List<Kline> out = rangeQuery(topic, "SELECT " + Rows.KLINE_COLUMNS + " FROM klines WHERE topic_id = ?"
                + " AND open_time >= ? AND open_time <= ? ORDER BY open_time DESC LIMIT ?", Long.MIN_VALUE, to,
                limit, rs -> Rows.kline(topic, interval, rs));
        Collections.reverse(out);
        return out;
    }

    /** A row of a result set as an event. */
    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Runs {@code sql} with the topic's id, {@code from}, {@code to} and {@code limit}; empty for an unknown topic. */
    private <T> List<T> rangeQuery(Topic topic, String sql, long from, long to, int limit, RowMapper<T> row)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Integer id = topicIds.find(c, topic);
            if (id == null) {
                return new ArrayList<>();
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
                ps.setInt(1, id);
                ps.setLong(2, from);
                ps.setLong(3, to);
                ps.setInt(4, limit);
                List<T> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(row.map(rs));
                    }
                }
                return out;
            }
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
