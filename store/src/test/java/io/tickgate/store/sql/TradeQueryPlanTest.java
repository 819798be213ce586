package io.tickgate.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickgate.store.api.HistoryStore;
import io.tickgate.store.api.TestRows;
import io.tickgate.store.embedded.SqliteStore;
import io.tickgate.store.postgres.PostgresStore;
import io.tickgate.store.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A page of trades after a cursor is an index seek to the cursor on both databases (their own query plans): the
 * cursor is part of the primary key's search, not a filter over every row of the range before it, which a forged
 * cursor far into a wide range would make a scan of the whole range.
 */
@Timeout(60)
class TradeQueryPlanTest {

    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path dir;

    /** The plan's lines for a page after a cursor, with every parameter bound. */
    private static List<String> plan(JdbcHistoryStore store, String explain, int column) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection c = store.dataSource.getConnection()) {
            if (store instanceof PostgresStore) {
                try (Statement st = c.createStatement()) {
                    st.execute("SET enable_seqscan = off"); // a table of one row: ask which index search it would be
                }
            }
            try (PreparedStatement ps = c.prepareStatement(explain + JdbcHistoryStore.tradesQuery(true))) {
                ps.setInt(1, 1);
                ps.setLong(2, T0);
                ps.setString(3, "5");
                ps.setLong(4, T0 + 1_000);
                ps.setInt(5, 100);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        lines.add(rs.getString(column));
                    }
                }
            }
        }
        return lines;
    }

    @Test
    void sqliteSearchesThePrimaryKeyFromTheCursor() throws Exception {
        SqliteStore store = SqliteStore.open(dir.resolve("history.db").toString());
        try {
            store.write(new HistoryStore.Batch(List.of(TestRows.trade("BTCUSDT", 1, T0)), List.of()));
            List<String> plan = plan(store, "EXPLAIN QUERY PLAN ", 4);
            assertThat(plan).as("plan").anySatisfy(d -> assertThat(d).startsWith("SEARCH").contains("trade_id"));
        } finally {
            store.close();
        }
    }

    @Test
    void postgresSearchesThePrimaryKeyFromTheCursor() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            PostgresStore store = PostgresStore.open(db.url(), "", "", 2);
            try {
                store.write(new HistoryStore.Batch(List.of(TestRows.trade("BTCUSDT", 1, T0)), List.of()));
                List<String> plan = plan(store, "EXPLAIN ", 1);
                assertThat(plan).as("plan").anySatisfy(l -> assertThat(l).contains("Index Cond").contains("trade_id"));
                assertThat(plan).as("plan").noneSatisfy(l -> assertThat(l).contains("Filter").contains("trade_id"));
            } finally {
                store.close();
            }
        }
    }
}
