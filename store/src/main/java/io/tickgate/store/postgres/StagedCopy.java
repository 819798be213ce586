package io.tickgate.store.postgres;

import org.postgresql.PGConnection;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * {@code COPY} through the driver's CopyManager, and the idempotent way in for rows some of which may be stored:
 * {@code COPY} into a session-local staging table (emptied at commit), then {@code INSERT .. SELECT .. ON CONFLICT
 * DO NOTHING}. About four times slower than a plain {@code COPY} on this machine (docs/benchmarks.md): the
 * speculative insertion checks the key before and after each row.
 */
final class StagedCopy {

    /** SQLSTATE of a primary-key violation. */
    static final String UNIQUE_VIOLATION = "23505";

    private StagedCopy() {
    }

    /** Runs {@code copySql} ({@code COPY .. FROM STDIN}) with {@code rows} in PostgreSQL's text format. */
    static void copy(Connection c, String copySql, byte[] rows) throws SQLException {
        try {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql, new ByteArrayInputStream(rows));
        } catch (IOException e) {
            throw new SQLException(copySql + " failed", e);
        }
    }

    /**
     * Inserts {@code rows} into {@code table}; a row whose key is stored is handled by {@code onConflict} (skipped:
     * {@code ON CONFLICT DO NOTHING}); inside the caller's transaction.
     */
    static void insertStaged(Connection c, String table, String stageColumns, byte[] rows, String onConflict)
            throws SQLException {
        String stage = table + "_stage";
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE IF NOT EXISTS " + stage + " " + stageColumns + " ON COMMIT DELETE ROWS");
        }
        copy(c, "COPY " + stage + " FROM STDIN", rows);
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO " + table + " SELECT * FROM " + stage + " " + onConflict);
        }
    }
}
