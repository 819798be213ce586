package io.tickgate.store.writer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Topic;
import io.tickgate.store.api.StoreSettings;
import io.tickgate.store.postgres.PostgresStore;
import io.tickgate.store.testing.PostgresProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static io.tickgate.store.api.TestRows.trade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The write path against a test-owned PostgreSQL that goes away: the producer never waits, rows wait within the
 * bound and are all written after the restart, rows past the bound are dropped and counted.
 */
@Timeout(180)
class StoreWriterOutageTest {

    private static final long T0 = 1_764_000_000_000L;
    private static PostgresProcess pg;

    @BeforeAll
    static void startServer() throws Exception {
        pg = PostgresProcess.launch();
    }

    @AfterAll
    static void stopServer() throws Exception {
        pg.close();
    }

    @Test
    void aTwentySecondOutageDuringASteadyFeedLosesNothingWithinTheBound() throws Exception {
        StoreSettings s = StoreSettings.builder().backend(StoreSettings.Backend.POSTGRES).url(pg.url())
                .queue(1_000_000, 120_000).batchSize(2_000).retryMillis(200)
                .retention(0, 0) // the rows are dated T0 (2025): retention must not drop them mid-test
                .build();
        try (PostgresStore store = PostgresStore.open(pg.url(), "", "", 3);
             StoreWriter writer = new StoreWriter(store, s, new SimpleMeterRegistry())) {
            AtomicLong offered = new AtomicLong();
            AtomicLong refused = new AtomicLong();
            AtomicLong slowestOfferNanos = new AtomicLong();
            Thread feed = new Thread(() -> steadyFeed(writer, 32_000, offered, refused, slowestOfferNanos));
            feed.start();

            await().atMost(Duration.ofSeconds(10)).until(() -> writer.written() >= 2_000);
            pg.stop();
            long stoppedAt = System.currentTimeMillis();
            await().atMost(Duration.ofSeconds(10)).until(() -> writer.problem() != null);
            assertThat(writer.problem()).contains("rows waiting");
            Thread.sleep(Math.max(0, 20_000 - (System.currentTimeMillis() - stoppedAt)));
            long lagDuringOutage = writer.lagMillis();
            long offeredDuringOutage = offered.get();
            pg.start();

            feed.join(60_000);
            assertThat(offered.get()).isEqualTo(32_000);
            assertThat(refused.get()).isZero();
            await().atMost(Duration.ofSeconds(60)).until(() -> writer.waiting() == 0);
            assertThat(writer.problem()).isNull();
            assertThat(writer.dropped()).isZero();
            assertThat(lagDuringOutage).isGreaterThan(10_000);
            assertThat(offeredDuringOutage).isGreaterThan(10_000); // the feed went on while the database was down
            List<Trade> stored = store.trades(Topic.parse("binance.BTCUSDT.trade"), T0, T0 + 1_000_000, null,
                    100_000);
            assertThat(stored).hasSize(32_000);
            assertThat(stored).extracting(Trade::tradeId).doesNotHaveDuplicates();
            System.out.printf("outage test: slowest offer %.3f ms, lag during outage %d ms%n",
                    slowestOfferNanos.get() / 1e6, lagDuringOutage);
        }
    }

    @Test
    void rowsPastTheBoundAreDroppedAndCountedThenWritingResumes() throws Exception {
        StoreSettings s = StoreSettings.builder().backend(StoreSettings.Backend.POSTGRES).url(pg.url())
                .queue(50, 1_000).batchSize(10).retryMillis(100).retention(0, 0).build();
        try (PostgresStore store = PostgresStore.open(pg.url(), "", "", 2);
             StoreWriter writer = new StoreWriter(store, s, new SimpleMeterRegistry())) {
            pg.stop();
            int accepted = 0;
            for (int i = 0; i < 80; i++) {
                accepted += writer.offer(trade("ETHUSDT", i, T0 + i)) ? 1 : 0;
            }
            assertThat(accepted).isBetween(50, 60); // the queue (50) and one batch (10) at most; the rest refused at once
            await().atMost(Duration.ofSeconds(20)).until(() -> writer.dropped() == 80);
            pg.start();
            for (int i = 100; i < 110; i++) {
                writer.offer(trade("ETHUSDT", i, T0 + i));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> writer.written() == 10);
            assertThat(store.trades(Topic.parse("binance.ETHUSDT.trade"), T0, T0 + 1_000, null, 1_000))
                    .extracting(Trade::tradeId).first().isEqualTo("100");
        }
    }

    /** 1,000 trades a second, each offer timed; the feed's schedule never waits for the store. */
    private static void steadyFeed(StoreWriter writer, int total, AtomicLong offered, AtomicLong refused,
                                   AtomicLong slowest) {
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * 1_000_000L;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                sleepNanos(wait);
            }
            long t = System.nanoTime();
            if (!writer.offer(trade("BTCUSDT", 1_000_000 + i, T0 + i))) {
                refused.incrementAndGet();
            }
            slowest.accumulateAndGet(System.nanoTime() - t, Math::max);
            offered.incrementAndGet();
        }
    }

    private static void sleepNanos(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
