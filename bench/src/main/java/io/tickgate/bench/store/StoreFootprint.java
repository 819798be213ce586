package io.tickgate.bench.store;

import io.tickgate.store.api.HistoryStore;
import io.tickgate.store.embedded.SqliteStore;
import io.tickgate.store.postgres.PostgresStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One backend opened for the benchmark on an empty database of its own, and how much space its trades take: the
 * database files of an embedded one after a checkpoint, the trade partitions with their indexes in PostgreSQL
 * (whose benchmark database is dropped on close).
 */
public final class StoreFootprint implements AutoCloseable {

    private final String kind;
    private final HistoryStore store;
    private final Path file;
    private final String pgAdminUrl;
    private final String pgDatabase;
    private final String pgUrl;

    private StoreFootprint(String kind, HistoryStore store, Path file, String pgAdminUrl, String pgDatabase,
                           String pgUrl) {
        this.kind = kind;
        this.store = store;
        this.file = file;
        this.pgAdminUrl = pgAdminUrl;
        this.pgDatabase = pgDatabase;
        this.pgUrl = pgUrl;
    }

    /**
     * Opens {@code kind} (sqlite, postgres, duckdb, h2) in {@code dir}, or on the PostgreSQL of {@code pgAdminUrl}
     * written as {@code pgTuning} says.
     */
    public static StoreFootprint open(String kind, Path dir, String pgAdminUrl, PostgresStore.Tuning pgTuning)
            throws SQLException {
        return switch (kind) {
            case "sqlite" -> {
                Path f = dir.resolve("bench.sqlite");
                yield new StoreFootprint(kind, SqliteStore.open(f.toString()), f, null, null, null);
            }
            case "duckdb" -> {
                Path f = dir.resolve("bench.duckdb");
                yield new StoreFootprint(kind, CandidateStore.duckdb(f.toString()), f, null, null, null);
            }
            case "h2" -> {
                Path f = dir.resolve("bench-h2");
                yield new StoreFootprint(kind, CandidateStore.h2(f.toString()), dir.resolve("bench-h2.mv.db"), null,
                        null, null);
            }
            case "postgres" -> {
                String db = "tickgate_store_bench_" + System.nanoTime();
                execute(pgAdminUrl, "CREATE DATABASE " + db);
                int q = pgAdminUrl.indexOf('?');
                String url = pgAdminUrl.substring(0, pgAdminUrl.lastIndexOf('/', q < 0 ? pgAdminUrl.length() : q) + 1)
                        + db + (q < 0 ? "" : pgAdminUrl.substring(q));
                yield new StoreFootprint(kind, PostgresStore.open(url, "", "", 3, pgTuning), null, pgAdminUrl, db, url);
            }
            default -> throw new IllegalArgumentException("--backend: unknown \"" + kind
                    + "\" (sqlite, postgres, duckdb, h2)");
        };
    }

    public HistoryStore store() {
        return store;
    }

    /** Bytes the database takes now (PostgreSQL: the trade partitions and their indexes). */
    public long bytes() throws SQLException {
        if (pgUrl != null) {
            try (Connection c = DriverManager.getConnection(pgUrl); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT coalesce(sum(pg_total_relation_size(inhrelid)), 0)"
                         + " FROM pg_inherits WHERE inhparent = 'trades'::regclass")) {
                rs.next();
                return rs.getLong(1);
            }
        }
        if (store instanceof CandidateStore c) {
            c.checkpoint();
        } else {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                 Statement s = c.createStatement()) {
                s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
        }
        return size(file) + size(Path.of(file + "-wal")) + size(Path.of(file + ".wal"));
    }

    private static long size(Path p) {
        try {
            return Files.exists(p) ? Files.size(p) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        store.close();
        if (pgDatabase != null) {
            execute(pgAdminUrl, "DROP DATABASE IF EXISTS " + pgDatabase + " WITH (FORCE)");
        }
    }

    @Override
    public String toString() {
        return kind;
    }
}
