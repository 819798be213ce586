package io.tickgate.store.api;

import io.tickgate.store.embedded.SqliteStore;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The store suite against the embedded SQLite backend. */
class SqliteStoreTest extends HistoryStoreContract {

    @TempDir
    Path dir;

    @Override
    protected HistoryStore open() {
        return SqliteStore.open(dir.resolve("sub/history.db").toString());
    }
}
