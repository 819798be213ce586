package io.tickgate.store.writer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Topic;
import io.tickgate.store.api.HistoryStore;
import io.tickgate.store.api.StoreSettings;
import io.tickgate.store.embedded.SqliteStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.tickgate.store.api.TestRows.trade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The writer runs retention when idle and between batches: trades older than the configured retention go, newer ones
 * stay, also while a feed never leaves the writer's queue empty.
 */
@Timeout(60)
class RetentionTest {

    private static final long DAY = 86_400_000L;

    @Test
    void theWriterDropsTradesOlderThanTheRetention(@TempDir Path dir) throws Exception {
        long now = System.currentTimeMillis();
        Topic topic = Topic.parse("binance.BTCUSDT.trade");
        try (SqliteStore store = SqliteStore.open(dir.resolve("h.db").toString())) {
            store.write(new HistoryStore.Batch(List.of(trade("BTCUSDT", 1, now - 10 * DAY),
                    trade("BTCUSDT", 2, now - DAY / 2)), List.of()));
            StoreSettings s = StoreSettings.builder().url(dir.toString()).retention(DAY, 0).build();
            try (StoreWriter writer = new StoreWriter(store, s, new SimpleMeterRegistry())) {
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                        assertThat(store.trades(topic, 0, now, null, 10)).extracting(Trade::tradeId)
                                .containsExactly("2"));
                assertThat(writer.problem()).isNull();
            }
        }
    }

    @Test
    void aSteadyFeedDoesNotKeepRetentionFromRunning(@TempDir Path dir) throws Exception {
        long now = System.currentTimeMillis();
        Topic topic = Topic.parse("binance.BTCUSDT.trade");
        try (SqliteStore store = SqliteStore.open(dir.resolve("h.db").toString())) {
            store.write(new HistoryStore.Batch(List.of(trade("BTCUSDT", 1, now - 10 * DAY),
                    trade("BTCUSDT", 2, now - DAY / 2)), List.of()));
            StoreSettings s = StoreSettings.builder().url(dir.toString()).retention(DAY, 0).build();
            // a trade every 5 ms from the start: the writer's queue is never empty for the 100 ms that count as idle
            try (StoreWriter writer = new StoreWriter(store, s, new SimpleMeterRegistry());
                 SteadyFeed feed = SteadyFeed.start(writer, "ETHUSDT", now)) {
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                        assertThat(store.trades(topic, 0, now, null, 10)).extracting(Trade::tradeId)
                                .containsExactly("2"));
                assertThat(feed.offered()).isPositive();
                assertThat(writer.written()).isPositive();
                assertThat(writer.problem()).isNull();
            }
        }
    }
}
