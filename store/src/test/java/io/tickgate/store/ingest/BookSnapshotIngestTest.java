package io.tickgate.store.ingest;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tickgate.bus.local.InProcessBroker;
import io.tickgate.model.event.BookDelta;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.PriceLevel;
import io.tickgate.model.topic.Topic;
import io.tickgate.store.api.StoreSettings;
import io.tickgate.store.embedded.SqliteStore;
import io.tickgate.store.writer.StoreWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * From the broker to the store: a node storing book snapshots every 100 ms stores the book as published; a node
 * that subscribes after the full snapshot was published starts from the topic's image and stores the same book.
 */
@Timeout(60)
class BookSnapshotIngestTest {

    private static final Topic BOOK = Topic.parse("binance.BTCUSDT.book");

    @TempDir
    Path dir;

    @Test
    void bothTheEarlyAndTheLateNodeStoreTheBookAsPublished() throws Exception {
        try (InProcessBroker broker = new InProcessBroker("ep1");
             SqliteStore early = SqliteStore.open(dir.resolve("early.db").toString());
             SqliteStore late = SqliteStore.open(dir.resolve("late.db").toString());
             StoreWriter earlyWriter = writer(early);
             StoreWriter lateWriter = writer(late);
             HistoryIngest first = new HistoryIngest(earlyWriter, new OpenCandles(), 3, 100).subscribe(broker)) {
            assertThat(first.storing()).isTrue();
            broker.publish(new BookSnapshot("binance", "BTCUSDT",
                    List.of(PriceLevel.of("100.0", "1"), PriceLevel.of("99.5", "2")),
                    List.of(PriceLevel.of("100.5", "1.50"), PriceLevel.of("101.0", "3")), 1, 1_000));
            try (HistoryIngest second = new HistoryIngest(lateWriter, new OpenCandles(), 3, 100).subscribe(broker)) {
                assertThat(second.storing()).isTrue();
                long seq = 2;
                long until = System.currentTimeMillis() + 400;
                while (System.currentTimeMillis() < until || lateWriter.written() == 0) {
                    broker.publish(new BookDelta("binance", "BTCUSDT", List.of(), List.of(), seq, seq, 1_000 + seq));
                    seq++;
                    Thread.sleep(20);
                }
                broker.publish(new BookDelta("binance", "BTCUSDT", List.of(PriceLevel.of("99.8", "4")), List.of(),
                        seq, seq, 1_000 + seq));
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> earlyWriter.written() >= 3 && lateWriter.waiting() == 0);
            }
            List<BookSnapshot> stored = early.books(BOOK, 0, Long.MAX_VALUE, 1_000);
            assertThat(stored.get(0).bids()).containsExactly(PriceLevel.of("100.0", "1"), PriceLevel.of("99.5", "2"));
            assertThat(stored.get(0).asks().get(0).size().toString()).isEqualTo("1.50");
            List<BookSnapshot> lateStored = late.books(BOOK, 0, Long.MAX_VALUE, 1_000);
            assertThat(lateStored).isNotEmpty();
            assertThat(lateStored.get(0).bids()).containsExactly(PriceLevel.of("100.0", "1"),
                    PriceLevel.of("99.5", "2"));
        }
    }

    private static StoreWriter writer(SqliteStore store) {
        return new StoreWriter(store, StoreSettings.builder().build(), new SimpleMeterRegistry());
    }
}
