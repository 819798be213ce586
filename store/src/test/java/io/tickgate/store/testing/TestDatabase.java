package io.tickgate.store.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A database of its own on the machine's PostgreSQL (127.0.0.1:5432, trust auth; {@code scripts/ensure-services.sh}
 * starts it), created for one test class and dropped after it. Override the server with {@code TICKGATE_TEST_PG}
 * (a JDBC URL of a database to connect to for the CREATE/DROP).
 */
public final class TestDatabase implements AutoCloseable {

    private static final String ADMIN_URL = System.getenv().getOrDefault("TICKGATE_TEST_PG",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    private final String name = "tickgate_store_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    private TestDatabase() {
    }

    public static TestDatabase create() {
        TestDatabase db = new TestDatabase();
        db.execute("CREATE DATABASE " + db.name);
        return db;
    }

    /** The JDBC URL of the new database. */
    public String url() {
        int q = ADMIN_URL.indexOf('?');
        String base = ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/', q < 0 ? ADMIN_URL.length() : q) + 1);
        return base + name + (q < 0 ? "" : ADMIN_URL.substring(q));
    }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection(ADMIN_URL); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + ADMIN_URL + ": " + sql + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
}
