package io.tickgate.store.embedded;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tickgate.store.sql.JdbcHistoryStore;
import io.tickgate.store.sql.Migrations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * History in a SQLite file. Write-ahead logging lets readers (REST) run while the writer commits; a batch is one
 * transaction of prepared {@code INSERT .. ON CONFLICT DO NOTHING} statements (SQLite's per-row cost is a B-tree
 * insert, so there is no bulk path to gain from). Retention deletes rows.
 */
public final class SqliteStore extends JdbcHistoryStore {

    private SqliteStore(HikariDataSource ds) {
        super(ds);
    }

    /**
     * Opens (creating the file and its folder when absent) and migrates the database at {@code file}.
     *
     * @throws IllegalStateException if the file cannot be opened or migrated
     */
    public static SqliteStore open(String file) {
        Path parent = Path.of(file).toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("store: cannot create " + parent, e);
        }
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl("jdbc:sqlite:" + file + "?journal_mode=WAL&synchronous=NORMAL&busy_timeout=10000");
        hc.setMaximumPoolSize(4);
        hc.setPoolName("tickgate-store-sqlite");
        return new SqliteStore(Migrations.open(hc, "sqlite", file));
    }

    @Override
    public String backend() {
        return "sqlite";
    }

    @Override
    public long dropBefore(long tradesBefore, long klinesBefore) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement t = c.prepareStatement("DELETE FROM trades WHERE ts < ?");
             PreparedStatement k = c.prepareStatement("DELETE FROM klines WHERE open_time < ?");
             PreparedStatement b = c.prepareStatement("DELETE FROM books WHERE ts < ?")) {
            t.setLong(1, tradesBefore);
            k.setLong(1, klinesBefore);
            b.setLong(1, tradesBefore);
            return (long) t.executeUpdate() + k.executeUpdate() + b.executeUpdate();
        }
    }
}
