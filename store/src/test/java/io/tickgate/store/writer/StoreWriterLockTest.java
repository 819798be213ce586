package io.tickgate.store.writer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Topic;
import io.tickgate.store.api.HistoryStore;
import io.tickgate.store.api.HistoryStores;
import io.tickgate.store.api.StoreSettings;
import io.tickgate.store.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The writer against a table another connection holds locked ({@code LOCK TABLE trades IN ACCESS EXCLUSIVE MODE},
 * as a migration or a hand-typed statement would): a write blocked on it must neither hold the writer thread for as
 * long as the lock lives nor leave {@code /ready} green; once the lock goes, writing resumes in order and nothing is
 * stored twice. PostgreSQL (a database of the test's own) for the lock, SQLite for a write that outlasts
 * {@code writeTimeoutMillis} without failing.
 */
@Timeout(120)
class StoreWriterLockTest {

    private static final long T0 = 1_764_000_000_000L;
    private static TestDatabase db;

    @BeforeAll
    static void createDatabase() {
        db = TestDatabase.create();
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @Test
    void theStatementTimeoutFailsAWriteBehindALockSoRowsPastTheBoundAreDroppedWhileItIsHeld() throws Exception {
        StoreSettings s = settings(2_000).timeouts(1_000, 20_000).build();
        Topic topic = Topic.parse("binance.SOLUSDT.trade");
        try (HistoryStore store = HistoryStores.open(s);
             StoreWriter writer = new StoreWriter(store, s, new SimpleMeterRegistry());
             SteadyFeed feed = SteadyFeed.start(writer, "SOLUSDT", T0)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> writer.written() >= 100);
            try (Connection locker = lockTrades()) {
                // the writer gets its thread back while the lock is still held: the statement was cancelled
                // (reported) and it went on dropping rows past maxWaitMillis
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    assertThat(writer.problem()).contains("statement timeout");
                    assertThat(writer.dropped()).isPositive();
                });
                locker.rollback();
            }
            assertResumesAndStoresEachRowOnce(writer, feed, store, topic);
        }
    }

    @Test
    void aWriteWaitingBehindALockIsReportedWhileItWaits() throws Exception {
        // the statement timeout (60 s) outlasts the test: the write waits for the lock as long as it is held
        StoreSettings s = settings(2_000).timeouts(60_000, 0).build();
        Topic topic = Topic.parse("binance.ADAUSDT.trade");
        try (HistoryStore store = HistoryStores.open(s);
             StoreWriter writer = new StoreWriter(store, s, new SimpleMeterRegistry());
             SteadyFeed feed = SteadyFeed.start(writer, "ADAUSDT", T0)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> writer.written() >= 100);
            try (Connection locker = lockTrades()) {
                await().atMost(Duration.ofSeconds(30)).until(() -> writer.problem() != null);
                assertThat(writer.problem()).contains("maxWaitMillis", "rows waiting");
                assertThat(writer.lagMillis()).isGreaterThan(2_000);
                locker.rollback();
            }
            assertResumesAndStoresEachRowOnce(writer, feed, store, topic);
        }
    }

    @Test
    void aWriteRunningLongerThanTheWriteTimeoutIsReportedBeforeItFails(@TempDir Path dir) throws Exception {
        // SQLite has no statement timeout: a locked file makes a write wait its busy timeout (10 s), then fail;
        // until then nothing has failed, and only the write's age tells
        String file = dir.resolve("h.db").toString();
        StoreSettings s = StoreSettings.builder().url(file).queue(100_000, 600_000).batchSize(500).retryMillis(100)
                .retention(0, 0).timeouts(1_000, 0).build();
        Topic topic = Topic.parse("binance.XRPUSDT.trade");
        try (HistoryStore store = HistoryStores.open(s);
             StoreWriter writer = new StoreWriter(store, s, new SimpleMeterRegistry());
             SteadyFeed feed = SteadyFeed.start(writer, "XRPUSDT", T0)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> writer.written() >= 100);
            try (Connection locker = DriverManager.getConnection("jdbc:sqlite:" + file)) {
                locker.setAutoCommit(false);
                try (Statement st = locker.createStatement()) {
                    st.executeUpdate("DELETE FROM trades WHERE ts < 0"); // takes the write lock, deletes nothing
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> writer.problem() != null);
                assertThat(writer.problem()).contains("sqlite write of", "running for", "rows waiting");
                locker.rollback();
            }
            assertResumesAndStoresEachRowOnce(writer, feed, store, topic);
        }
    }

    private static StoreSettings.Builder settings(long maxWaitMillis) {
        return StoreSettings.builder().backend(StoreSettings.Backend.POSTGRES).url(db.url()).poolSize(3)
                .queue(100_000, maxWaitMillis).batchSize(500).retryMillis(100)
                .retention(0, 0); // the rows are dated T0 (2025): retention must not drop them mid-test
    }

    /** A connection of the test's own holding {@code trades} in ACCESS EXCLUSIVE mode until it rolls back. */
    private static Connection lockTrades() throws Exception {
        Connection c = DriverManager.getConnection(db.url());
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("LOCK TABLE trades IN ACCESS EXCLUSIVE MODE");
        }
        return c;
    }

    /**
     * After the lock: the rows offered since are written (the last one included), every offered row is either stored
     * once or dropped and counted, and the check is green again.
     */
    private static void assertResumesAndStoresEachRowOnce(StoreWriter writer, SteadyFeed feed, HistoryStore store,
                                                          Topic topic) throws Exception {
        long releasedAt = feed.offered();
        await().atMost(Duration.ofSeconds(30)).until(() -> feed.offered() > releasedAt + 100);
        feed.stop();
        await().atMost(Duration.ofSeconds(30)).until(() -> writer.waiting() == 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> writer.problem() == null);
        List<Trade> stored = store.trades(topic, T0, T0 + 10_000_000, null, 1_000_000);
        assertThat(stored).extracting(Trade::tradeId).doesNotHaveDuplicates();
        assertThat(stored.size() + writer.dropped()).isEqualTo(feed.offered());
        assertThat(stored.get(stored.size() - 1).tradeId()).isEqualTo(Long.toString(feed.offered()));
    }
}
