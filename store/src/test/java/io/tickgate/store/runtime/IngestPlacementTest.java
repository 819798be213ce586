package io.tickgate.store.runtime;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tickgate.bus.local.InProcessBroker;
import io.tickgate.model.topic.Topic;
import io.tickgate.store.api.StoreSettings;
import io.tickgate.store.api.StoreSettings.Backend;
import io.tickgate.store.api.StoreSettings.Ingest;
import io.tickgate.store.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static io.tickgate.store.api.TestRows.trade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code store.ingest}: with a broker shared by several nodes and one PostgreSQL, one node writes (the lease holder)
 * and another takes over when it stops; {@code on}/{@code off} and the embedded store as configured.
 */
@Timeout(60)
class IngestPlacementTest {

    private static final long T0 = 1_764_000_000_000L;
    private static final Topic BTC = Topic.parse("binance.BTCUSDT.trade");

    @TempDir
    Path dir;

    @Test
    void onASharedBrokerWithPostgresOneNodeWritesAndAnotherTakesOverWhenItStops() throws Exception {
        try (TestDatabase db = TestDatabase.create(); InProcessBroker broker = new InProcessBroker("ep1")) {
            StoreSettings s = StoreSettings.builder().backend(Backend.POSTGRES).url(db.url())
                    .ingest(Ingest.AUTO, 3_000).build();
            HistoryService a = HistoryService.start(s, broker, true, new SimpleMeterRegistry());
            try (HistoryService b = HistoryService.start(s, broker, true, new SimpleMeterRegistry())) {
                await().atMost(Duration.ofSeconds(10)).until(() -> a.ingesting() || b.ingesting());
                HistoryService owner = a.ingesting() ? a : b;
                HistoryService other = owner == a ? b : a;
                for (int i = 0; i < 100; i++) {
                    broker.publish(trade("BTCUSDT", i, T0 + i));
                }
                await().atMost(Duration.ofSeconds(20)).until(() -> owner.writer().written() == 100);
                assertThat(other.ingesting()).isFalse();
                assertThat(other.writer().written()).isZero();

                owner.close(); // hands the lease over
                await().atMost(Duration.ofSeconds(10)).until(other::ingesting);
                for (int i = 100; i < 150; i++) {
                    broker.publish(trade("BTCUSDT", i, T0 + i));
                }
                await().atMost(Duration.ofSeconds(20)).until(() -> other.writer().written() == 50);
                assertThat(other.store().trades(BTC, T0, T0 + 1_000, null, 1_000)).hasSize(150);
            } finally {
                a.close();
            }
        }
    }

    @Test
    void anEmbeddedStoreIsWrittenByItsNodeAndOffWritesNothing() throws Exception {
        try (InProcessBroker broker = new InProcessBroker("ep1");
             HistoryService auto = HistoryService.start(embedded("auto.db", Ingest.AUTO), broker, true,
                     new SimpleMeterRegistry());
             HistoryService off = HistoryService.start(embedded("off.db", Ingest.OFF), broker, true,
                     new SimpleMeterRegistry())) {
            assertThat(auto.ingesting()).isTrue();
            assertThat(off.ingesting()).isFalse();
            for (int i = 0; i < 10; i++) {
                broker.publish(trade("BTCUSDT", i, T0 + i));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> auto.writer().written() == 10);
            assertThat(off.writer().written()).isZero();
            assertThat(off.store().trades(BTC, T0, T0 + 1_000, null, 100)).isEmpty();
        }
    }

    private StoreSettings embedded(String file, Ingest ingest) {
        return StoreSettings.builder().url(dir.resolve(file).toString()).ingest(ingest, 10_000).build();
    }
}
