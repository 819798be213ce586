package io.tickgate.store.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;

/** Brings a database's schema to the current version with Flyway (scripts under {@code db/migration/<backend>}). */
public final class Migrations {

    private Migrations() {
    }

    /**
     * Opens a pool and migrates its database; the pool is closed again if that fails.
     *
     * @throws IllegalStateException naming {@code where} when the database cannot be reached or migrated
     */
    public static HikariDataSource open(HikariConfig config, String backend, String where) {
        HikariDataSource ds = new HikariDataSource(config);
        try {
            migrate(ds, backend);
            return ds;
        } catch (RuntimeException e) {
            ds.close();
            throw new IllegalStateException("store: cannot migrate " + where + ": " + e.getMessage(), e);
        }
    }

    /** Applies the backend's pending migrations ({@code backend}: {@code postgresql} or {@code sqlite}). */
    public static void migrate(DataSource dataSource, String backend) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/" + backend)
                .load()
                .migrate();
    }
}
