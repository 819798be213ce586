package io.tickgate.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.Kline;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Topic;
import io.tickgate.store.api.StoreSettings;
import io.tickgate.store.sql.BookLevels;
import io.tickgate.store.sql.JdbcHistoryStore;
import io.tickgate.store.sql.Migrations;
import io.tickgate.store.sql.Rows;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * History in PostgreSQL. A batch is one transaction per writer connection. Rows go in with {@code COPY} straight into
 * the partitioned table, under a savepoint: the primary key refuses the whole {@code COPY} if any row is stored
 * already (a retry whose first attempt did commit), and then, only then, the batch takes the slow idempotent path:
 * {@code COPY} into a temporary staging table and {@code INSERT .. SELECT .. ON CONFLICT DO NOTHING} ({@link
 * StagedCopy}). Either way nothing is stored twice. With {@link Tuning#writers} above one, a batch's trades are split
 * by topic over that many connections written in parallel ({@link ParallelWrites}); a failed part fails the batch,
 * whose retry skips the parts that committed.
 *
 * <p>Nothing the writer does may wait forever, or the writer thread waits with it while rows pile up and nothing
 * fails: each write transaction sets {@code statement_timeout} ({@link Tuning#writeTimeoutMillis}), so a table lock
 * or a stuck server cancels the statement and the writer retries; partitions are created and dropped under the same
 * bound; and every connection has a socket timeout and TCP keep-alive ({@link Tuning#socketTimeoutMillis}), so a
 * server that stops answering altogether (frozen, or the network gone) breaks the connection instead.
 */
public final class PostgresStore extends JdbcHistoryStore {

    /** A trade or book snapshot stored already is skipped (an idempotent retry). */
    private static final String SKIP_STORED = "ON CONFLICT DO NOTHING";

    private static final long DAY = 86_400_000L;
    private static final String TRADE_COLUMNS = "topic_id, ts, trade_id, price, quantity, side";
    private static final String BOOK_COLUMNS = "topic_id, ts, sequence, bids, asks";
    private static final String KLINE_COLUMNS = "topic_id, open_time, o, h, l, c, volume, trades, event_ts";

    /**
     * How the writer uses the server.
     *
     * @param writers             connections one batch's trades are written over in parallel (1: one transaction)
     * @param synchronousCommit   false: {@code SET LOCAL synchronous_commit = off} in each write transaction
     * @param writeTimeoutMillis  {@code SET LOCAL statement_timeout} in each write transaction; also bounds the
     *                            creation and retention of partitions
     * @param socketTimeoutMillis the driver's {@code socketTimeout} for every connection, rounded up to whole
     *                            seconds (0: none)
     */
    public record Tuning(int writers, boolean synchronousCommit, long writeTimeoutMillis, long socketTimeoutMillis) {
        /** One writer, synchronous commits, the default timeouts. */
        public static final Tuning DEFAULT = new Tuning(1, true);

        /** The default timeouts ({@link StoreSettings}). */
        public Tuning(int writers, boolean synchronousCommit) {
            this(writers, synchronousCommit, StoreSettings.DEFAULT_WRITE_TIMEOUT_MILLIS,
                    StoreSettings.DEFAULT_SOCKET_TIMEOUT_MILLIS);
        }
    }

    private final Partitions tradePartitions;
    private final Partitions klinePartitions;
    private final Partitions bookPartitions;
    private final Tuning tuning;
    private final ParallelWrites parallel;
    private final LongAdder slowPathBatches = new LongAdder();

    private PostgresStore(HikariDataSource ds, Tuning tuning) {
        super(ds);
        this.tuning = tuning;
        int ddlSeconds = wholeSeconds(tuning.writeTimeoutMillis());
        this.tradePartitions = new Partitions("trades", false, ddlSeconds);
        this.klinePartitions = new Partitions("klines", true, ddlSeconds);
        this.bookPartitions = new Partitions("books", false, ddlSeconds);
        this.parallel = tuning.writers() > 1 ? new ParallelWrites(tuning.writers(), super::write) : null;
    }

    /** Connects with the default {@link Tuning}; see {@link #open(String, String, String, int, Tuning)}. */
    public static PostgresStore open(String url, String user, String password, int poolSize) {
        return open(url, user, password, poolSize, Tuning.DEFAULT);
    }

    /**
     * Connects (pool of {@code poolSize}) and migrates the schema.
     *
     * @throws IllegalStateException if the server cannot be reached or migrated (the cause says why)
     */
    public static PostgresStore open(String url, String user, String password, int poolSize, Tuning tuning) {
        return new PostgresStore(Migrations.open(config(url, user, password, poolSize, tuning), "postgresql",
                "PostgreSQL at " + url), tuning);
    }

    /** The pool's configuration (a {@code socketTimeout} or {@code tcpKeepAlive} in {@code url} wins over ours). */
    static HikariConfig config(String url, String user, String password, int poolSize, Tuning tuning) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(url);
        if (!user.isEmpty()) {
            hc.setUsername(user);
        }
        if (!password.isEmpty()) {
            hc.setPassword(password);
        }
        hc.setMaximumPoolSize(Math.max(poolSize, tuning.writers() + 1));
        hc.setMinimumIdle(1);
        hc.setPoolName("tickgate-store");
        hc.setConnectionTimeout(2_000);
        hc.setValidationTimeout(1_000);
        // the pool may start while the database is down: the writer retries, the queue holds rows meanwhile
        hc.setInitializationFailTimeout(-1);
        // a server that stops answering (frozen, network gone) fails the call instead of holding its thread forever
        hc.addDataSourceProperty("socketTimeout", Integer.toString(wholeSeconds(tuning.socketTimeoutMillis())));
        hc.addDataSourceProperty("tcpKeepAlive", "true");
        return hc;
    }

    /** Milliseconds as the whole seconds the driver takes, rounded up (0 stays 0: none). */
    static int wholeSeconds(long millis) {
        return (int) Math.min(Integer.MAX_VALUE, (millis + 999) / 1_000);
    }

    @Override
    public String backend() {
        return "postgres";
    }

    /** Batches (or parallel parts of one) that met a stored row and went through the staging table. */
    public long slowPathBatches() {
        return slowPathBatches.sum();
    }

    @Override
    public void write(Batch batch) throws SQLException {
        if (parallel == null || batch.size() == 0) {
            super.write(batch);
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            prepareAll(c, batch); // topic ids and partitions now, so the parallel parts create nothing
        }
        parallel.write(batch);
    }

    @Override
    protected void prepare(Connection c, Batch batch) throws SQLException {
        long lastDay = Long.MIN_VALUE;
        for (Trade t : batch.trades()) {
            long day = Math.floorDiv(t.timestamp(), DAY);
            if (day != lastDay) {
                tradePartitions.ensure(c, t.timestamp());
                lastDay = day;
            }
        }
        for (Kline k : batch.klines()) {
            klinePartitions.ensure(c, k.openTime());
        }
        for (BookSnapshot b : batch.books()) {
            bookPartitions.ensure(c, b.timestamp());
        }
    }

    @Override
    protected void begin(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL statement_timeout = " + tuning.writeTimeoutMillis()
                    + (tuning.synchronousCommit() ? "" : "; SET LOCAL synchronous_commit = off"));
        }
    }

    @Override
    protected void insertTrades(Connection c, List<Trade> trades, Map<Topic, Integer> ids) throws SQLException {
        CopyText text = new CopyText();
        for (Trade t : trades) {
            text.column(ids.get(t.topic())).column(t.timestamp()).column(t.tradeId()).column(t.price().toString())
                    .column(t.quantity().toString()).column(Rows.side(t.side())).endRow();
        }
        load(c, "trades", TRADE_COLUMNS, SKIP_STORED, "(topic_id integer, ts bigint, trade_id text COLLATE \"C\","
                + " price text, quantity text, side char(1))", text.bytes());
    }

    @Override
    protected void insertKlines(Connection c, List<Kline> klines, Map<Topic, Integer> ids) throws SQLException {
        CopyText text = new CopyText();
        for (Kline k : klines) {
            text.column(ids.get(k.topic())).column(k.openTime()).column(k.open().toString())
                    .column(k.high().toString()).column(k.low().toString()).column(k.close().toString())
                    .column(k.volume().toString()).column(k.trades()).column(k.timestamp()).endRow();
        }
        load(c, "klines", KLINE_COLUMNS, Rows.KLINE_UPSERT, "(topic_id integer, open_time bigint, o text, h text,"
                + " l text, c text, volume text, trades bigint, event_ts bigint)", text.bytes());
    }

    @Override
    protected void insertBooks(Connection c, List<BookSnapshot> books, Map<Topic, Integer> ids) throws SQLException {
        CopyText text = new CopyText();
        for (BookSnapshot b : books) {
            text.column(ids.get(b.topic())).column(b.timestamp()).column(b.sequence())
                    .column(BookLevels.encode(b.bids())).column(BookLevels.encode(b.asks())).endRow();
        }
        load(c, "books", BOOK_COLUMNS, SKIP_STORED, "(topic_id integer, ts bigint, sequence bigint, bids text,"
                + " asks text)", text.bytes());
    }

    /** The fast path, and the staging path when the fast one meets a row stored already. */
    private void load(Connection c, String table, String columns, String onConflict, String stageColumns,
                      byte[] rows) throws SQLException {
        Savepoint before = c.setSavepoint();
        try {
            StagedCopy.copy(c, "COPY " + table + " (" + columns + ") FROM STDIN", rows);
            c.releaseSavepoint(before);
        } catch (SQLException e) {
            if (!StagedCopy.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            c.rollback(before);
            slowPathBatches.increment();
            StagedCopy.insertStaged(c, table, stageColumns, rows, onConflict);
        }
    }

    @Override
    public void close() {
        if (parallel != null) {
            parallel.close();
        }
        super.close();
    }

    @Override
    public long dropBefore(long tradesBefore, long klinesBefore) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return tradePartitions.dropBefore(c, tradesBefore) + klinePartitions.dropBefore(c, klinesBefore)
                    + bookPartitions.dropBefore(c, tradesBefore);
        }
    }
}
