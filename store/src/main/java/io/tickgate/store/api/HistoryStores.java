package io.tickgate.store.api;

import io.tickgate.store.embedded.SqliteStore;
import io.tickgate.store.postgres.PostgresStore;

/** Opens the backend the settings name, its schema migrated to the current version. */
public final class HistoryStores {

    private HistoryStores() {
    }

    /**
     * Opens (and migrates) the configured backend.
     *
     * @throws IllegalStateException if the database cannot be reached or migrated
     */
    public static HistoryStore open(StoreSettings s) {
        return switch (s.backend()) {
            case EMBEDDED -> SqliteStore.open(s.url());
            case POSTGRES -> PostgresStore.open(s.url(), s.user(), s.password(), s.poolSize(),
                    new PostgresStore.Tuning(s.writers(), s.synchronousCommit(), s.writeTimeoutMillis(),
                            s.socketTimeoutMillis()));
        };
    }
}
