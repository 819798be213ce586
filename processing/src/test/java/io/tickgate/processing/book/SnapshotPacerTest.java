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
        SnapshotPacer pacer = new SnapshotPacer(new SnapshotPacer.Config(10, 1.0), null, now::get);
        CompletableFuture<BookSnapshot> f = pacer.pace(symbol -> {
            throw new IllegalStateException("boom");
        }).fetch("X");
        assertThat(f).isCompletedExceptionally();
        assertThat(pacer.pace(recording()).fetch("Y")).isCompleted();
    }

    private final List<CompletableFuture<BookSnapshot>> inflight = new ArrayList<>();

    /** A source whose fetches stay open until the test answers them ({@link #ok}, {@link #refuse}). */
    private SnapshotSource answeredByTheTest() {
        return symbol -> {
            started.add(symbol);
            CompletableFuture<BookSnapshot> f = new CompletableFuture<>();
            inflight.add(f);
            return f;
        };
    }

    private void ok(int fetch) {
        inflight.get(fetch).complete(new BookSnapshot("binance", started.get(fetch), List.of(), List.of(), 1, 0));
    }

    private void refuse(int fetch, int status, long retryAfterMillis) {
        inflight.get(fetch).completeExceptionally(new SnapshotPacer.RateLimited(status, retryAfterMillis,
                "HTTP " + status));
    }

    @Test
    void a429HoldsEveryRequestUntilRetryAfterThenResumesAtHalfTheRateAndRecovers() {
        SnapshotPacer pacer = new SnapshotPacer(new SnapshotPacer.Config(4, 2.0, 10_000), null, now::get);
        SnapshotSource paced = pacer.pace(answeredByTheTest());
        List<CompletableFuture<BookSnapshot>> f = new ArrayList<>();
        for (String s : List.of("A", "B", "C", "D", "E", "F")) {
            f.add(paced.fetch(s));
        }
        long t0 = now.get();
        assertThat(started).containsExactly("A", "B", "C", "D"); // the burst
        refuse(0, 429, 3_000);
        ok(1);
        ok(2);
        ok(3);
        assertThat(f.get(0)).as("the refused request waits to be fetched again").isNotDone();
        assertThat(pacer.rateLimited()).isEqualTo(1);
        assertThat(pacer.holdRemainingMillis()).isEqualTo(3_000);
        assertThat(pacer.pending()).isEqualTo(3); // A again, E, F

        now.set(t0 + 2_999_000_000L);
        pacer.drain();
        assertThat(started).as("nothing before Retry-After has passed").hasSize(4);
        now.set(t0 + 3_000_000_000L);
        assertThat(pacer.drain()).as("then one request, the next after 1 s: half the rate").isEqualTo(1_000_000_000L);
        assertThat(started).containsExactly("A", "B", "C", "D", "A");
        ok(4);
        assertThat(f.get(0)).isCompleted();
        assertThat(pacer.permitsPerSecond()).isEqualTo(1.0);
        now.addAndGet(999_000_000L);
        pacer.drain();
        assertThat(started).hasSize(5);
        now.addAndGet(1_000_000L);
        pacer.drain();
        now.addAndGet(1_000_000_000L);
        pacer.drain();
        assertThat(started).containsExactly("A", "B", "C", "D", "A", "E", "F");
        ok(5);
        ok(6);
        assertThat(f).allSatisfy(x -> assertThat(x).isCompleted());

        now.set(t0 + 3_000_000_000L + 9_999_000_000L);
        assertThat(pacer.permitsPerSecond()).isEqualTo(1.0);
        now.set(t0 + 3_000_000_000L + 10_000_000_000L);
        assertThat(pacer.permitsPerSecond()).as("recovered after a quiet period from the hold's end").isEqualTo(2.0);
    }

    @Test
    void a418WaitsOutTheBanQuartersTheRateAndAnswersToRequestsAlreadyUnderWaySlowItOnce() {
        SnapshotPacer pacer = new SnapshotPacer(new SnapshotPacer.Config(8, 4.0, 10_000), null, now::get);
        SnapshotSource paced = pacer.pace(answeredByTheTest());
        for (String s : List.of("A", "B", "C")) {
            paced.fetch(s);
        }
        // three requests of one burst all refused: one episode, one step
        refuse(0, 429, 1_000);
        refuse(1, 429, 1_000);
        refuse(2, 429, 1_000);
        assertThat(pacer.rateLimited()).isEqualTo(3);
        assertThat(pacer.permitsPerSecond()).isEqualTo(2.0);
        now.addAndGet(1_000_000_000L);
        pacer.drain();
        assertThat(started).containsExactly("A", "B", "C", "A");
        refuse(3, 418, 0); // a ban without Retry-After: Binance's shortest ban, 2 minutes
        assertThat(pacer.banned()).isEqualTo(1);
        assertThat(pacer.holdRemainingMillis()).isEqualTo(120_000);
        assertThat(pacer.permitsPerSecond()).as("a quarter of the rate before").isEqualTo(0.5);
        now.addAndGet(119_999_000_000L);
        pacer.drain();
        assertThat(started).hasSize(4);
        now.addAndGet(1_000_000L);
        pacer.drain();
        assertThat(started).containsExactly("A", "B", "C", "A", "A");
        assertThat(pacer.pending()).isEqualTo(2); // B and C, 2 s apart at 0.5/s
        assertThat(pacer.drain()).isEqualTo(2_000_000_000L);
    }

    @Test
    void aRequestForAKeyQueuedAgainMeanwhileSharesItsAnswer() {
        SnapshotPacer pacer = new SnapshotPacer(new SnapshotPacer.Config(1, 1.0), null, now::get);
        SnapshotSource paced = pacer.pace(answeredByTheTest());
        CompletableFuture<BookSnapshot> first = paced.fetch("A");
        CompletableFuture<BookSnapshot> again = paced.fetch("A"); // queued: A is under way, not waiting
        assertThat(again).isNotSameAs(first);
        refuse(0, 429, 1_000);
        assertThat(pacer.pending()).isEqualTo(1);
        now.addAndGet(1_000_000_000L);
        pacer.drain();
        ok(1);
        assertThat(first).isCompleted();
        assertThat(again).isCompleted();
        assertThat(started).containsExactly("A", "A");
    }
}
