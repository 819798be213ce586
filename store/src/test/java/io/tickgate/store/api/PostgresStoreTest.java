package io.tickgate.store.api;

import io.tickgate.store.postgres.PostgresStore;
import io.tickgate.store.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;

/** The store suite against PostgreSQL (a fresh database per test on the machine's server). */
class PostgresStoreTest extends HistoryStoreContract {

    private TestDatabase db;

    @Override
    protected HistoryStore open() {
        db = TestDatabase.create();
        return PostgresStore.open(db.url(), "", "", 3);
    }

    @AfterEach
    void dropDatabase() {
        store.close();
        db.close();
    }
}
