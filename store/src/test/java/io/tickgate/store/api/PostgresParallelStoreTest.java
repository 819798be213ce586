package io.tickgate.store.api;

import io.tickgate.store.postgres.PostgresStore;
import io.tickgate.store.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;

/**
 * The store suite against PostgreSQL written as {@code store.writers: 2, store.synchronousCommit: false} say: each
 * batch's trades split over two connections by topic, the writer's commits asynchronous.
 */
class PostgresParallelStoreTest extends HistoryStoreContract {

    private TestDatabase db;

    @Override
    protected HistoryStore open() {
        db = TestDatabase.create();
        return PostgresStore.open(db.url(), "", "", 3, new PostgresStore.Tuning(2, false));
    }

    @AfterEach
    void dropDatabase() {
        store.close();
        db.close();
    }
}
