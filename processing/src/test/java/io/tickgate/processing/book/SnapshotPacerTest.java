package io.tickgate.processing.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickgate.model.event.BookSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SnapshotPacerTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<String> started = new ArrayList<>();

    private SnapshotSource recording() {
        return symbol -> {
            started.add(symbol);
            return CompletableFuture.completedFuture(new BookSnapshot("binance", symbol, List.of(), List.of(), 1, 0));
        };
    }

    @Test
    void aMassReconnectIsPacedNotAStorm() {
        SnapshotPacer pacer = new SnapshotPacer(new SnapshotPacer.Config(10, 1.0), null, now::get);
        SnapshotSource paced = pacer.pace(recording());
        List<CompletableFuture<BookSnapshot>> futures = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            futures.add(paced.fetch("SYM" + i));
        }
        assertThat(started).hasSize(10); // the burst
        assertThat(pacer.pending()).isEqualTo(290);
        assertThat(pacer.drain()).isEqualTo(1_000_000_000L); // next token in 1 s
        now.addAndGet(500_000_000L);
        pacer.drain();
        assertThat(started).hasSize(10);
        now.addAndGet(500_000_000L);
        pacer.drain();
        assertThat(started).hasSize(11);
        now.addAndGet(60_000_000_000L); // a minute later: the bucket holds at most the burst
        pacer.drain();
        assertThat(started).hasSize(21);
        assertThat(futures.get(0)).isCompleted();
        assertThat(futures.get(20)).isCompleted();
        assertThat(futures.get(21)).isNotDone();
        assertThat(started).containsExactly(expectedOrder(21));
    }

    private static String[] expectedOrder(int n) {
        String[] s = new String[n];
        for (int i = 0; i < n; i++) {
            s[i] = "SYM" + i;
        }
        return s;
    }

    @Test
    void aSymbolQueuedTwiceIsFetchedOnce() {
        SnapshotPacer pacer = new SnapshotPacer(new SnapshotPacer.Config(1, 1.0), null, now::get);
        SnapshotSource paced = pacer.pace(recording());
        paced.fetch("A");
        CompletableFuture<BookSnapshot> b1 = paced.fetch("B");
        CompletableFuture<BookSnapshot> b2 = paced.fetch("B");
        assertThat(b1).isSameAs(b2);
        assertThat(pacer.pending()).isEqualTo(1);
        now.addAndGet(1_000_000_000L);
        pacer.drain();
        assertThat(started).containsExactly("A", "B");
        assertThat(b2).isCompleted();
    }

    @Test
    void theSchedulerDrainsTheQueueAndCloseFailsWhatIsLeft() {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            SnapshotPacer pacer = new SnapshotPacer(new SnapshotPacer.Config(2, 50.0), scheduler, System::nanoTime);
            List<String> runs = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int i = 0; i < 6; i++) {
                String key = "K" + i;
                pacer.submit(key, () -> runs.add(key));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> runs.size() == 6);
            assertThat(runs).containsExactly("K0", "K1", "K2", "K3", "K4", "K5");

            SnapshotPacer slow = new SnapshotPacer(new SnapshotPacer.Config(1, 0.001), scheduler, System::nanoTime);
            slow.submit("A", () -> { });
            CompletableFuture<Object> waiting = slow.submit("B", () -> CompletableFuture.completedFuture(null));
            slow.close();
            assertThat(waiting).isCompletedExceptionally();
            assertThat(slow.submit("C", () -> CompletableFuture.completedFuture(null))).isCompletedExceptionally();
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void aThrowingRequestFailsItsFutureOnly() {
        SnapshotPacer pacer = new SnapshotPacer(SnapshotPacer.Config.binance(), null, now::get);
        CompletableFuture<BookSnapshot> f = pacer.pace(symbol -> {
            throw new IllegalStateException("boom");
        }).fetch("X");
        assertThat(f).isCompletedExceptionally();
        assertThat(pacer.pace(recording()).fetch("Y")).isCompleted();
    }
}
