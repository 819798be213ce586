package io.tickgate.feed.venues.binance;

import io.tickgate.processing.book.SyncStatus;

import io.tickgate.processing.book.SnapshotSource;

import io.tickgate.processing.book.BookSyncCounters;

import io.tickgate.processing.book.BookSyncConfig;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.BookDelta;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.BookTop;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.event.PriceLevel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class BinanceBookSyncTest {

    /** A snapshot source whose answers the test controls: each fetch returns a future the test completes. */
    static final class ScriptedSource implements SnapshotSource {
        final Map<String, ArrayDeque<CompletableFuture<BookSnapshot>>> pending = new HashMap<>();
        final List<String> fetches = new ArrayList<>();

        @Override
        public CompletableFuture<BookSnapshot> fetch(String symbol) {
            fetches.add(symbol);
            CompletableFuture<BookSnapshot> f = new CompletableFuture<>();
            pending.computeIfAbsent(symbol, s -> new ArrayDeque<>()).add(f);
            return f;
        }

        void answer(String symbol, BookSnapshot snapshot) {
            pending.get(symbol).poll().complete(snapshot);
        }

        void fail(String symbol) {
            pending.get(symbol).poll().completeExceptionally(new RuntimeException("HTTP 503"));
        }
    }

    private final ScriptedSource source = new ScriptedSource();
    private final List<MarketEvent> out = new ArrayList<>();
    private final BookSyncCounters counters = new BookSyncCounters();
    private final BinanceBookSync sync = new BinanceBookSync(source, Runnable::run, out::add, counters,
            BookSyncConfig.defaults());

    static BookDelta diff(String symbol, long first, long last, List<PriceLevel> bids, List<PriceLevel> asks) {
        return new BookDelta("binance", symbol, bids, asks, first, last, last);
    }

    static BookDelta diff(String symbol, long first, long last) {
        return diff(symbol, first, last, List.of(PriceLevel.of("1." + last, "1")), List.of());
    }

    static BookSnapshot snapshot(String symbol, long lastUpdateId) {
        return new BookSnapshot("binance", symbol, List.of(PriceLevel.of("1.0", "5"), PriceLevel.of("0.9", "5")),
                List.of(PriceLevel.of("2.0", "5")), lastUpdateId, 0);
    }

    @Test
    void buffersFetchesDropsOldAndBridgesLikeBinanceSays() {
        assertThat(sync.onDepthUpdate(diff("NKNUSDT", 100, 102))).isEqualTo(SyncStatus.BUFFERED);
        assertThat(sync.onDepthUpdate(diff("NKNUSDT", 103, 104))).isEqualTo(SyncStatus.BUFFERED);
        assertThat(source.fetches).containsExactly("NKNUSDT");
        assertThat(sync.isSynced("NKNUSDT")).isFalse();

        source.answer("NKNUSDT", snapshot("NKNUSDT", 102));
        assertThat(sync.isSynced("NKNUSDT")).isTrue();
        assertThat(counters.stale()).isEqualTo(1);      // u 102 <= lastUpdateId 102
        assertThat(counters.booksSynced()).isEqualTo(1);
        assertThat(sync.book("NKNUSDT").sequence()).isEqualTo(104);
        assertThat(out.get(0)).isInstanceOf(BookSnapshot.class);
        assertThat(((BookSnapshot) out.get(0)).sequence()).isEqualTo(104);
        assertThat(((BookSnapshot) out.get(0)).bids()).extracting(l -> l.price().toString())
                .containsExactly("1.104", "1.0", "0.9");
        assertThat(out.get(1)).isInstanceOf(BookTop.class);

        assertThat(sync.onDepthUpdate(diff("NKNUSDT", 105, 107))).isEqualTo(SyncStatus.APPLIED);
        assertThat(out.get(2)).isEqualTo(diff("NKNUSDT", 105, 107));
        assertThat(out.get(3)).isInstanceOf(BookTop.class);
        assertThat(counters.gaps()).isZero();
        assertThat(counters.resyncs()).isZero();
    }

    @Test
    void snapshotOlderThanTheFirstBufferedUpdateIsFetchedAgain() {
        sync.onDepthUpdate(diff("BTCUSDT", 500, 510));
        source.answer("BTCUSDT", snapshot("BTCUSDT", 490)); // lastUpdateId < U: retry
        assertThat(source.fetches).containsExactly("BTCUSDT", "BTCUSDT");
        assertThat(counters.snapshotRetries()).isEqualTo(1);
        assertThat(sync.isSynced("BTCUSDT")).isFalse();
        sync.onDepthUpdate(diff("BTCUSDT", 511, 512));
        source.answer("BTCUSDT", snapshot("BTCUSDT", 511));
        assertThat(sync.isSynced("BTCUSDT")).isTrue();
        assertThat(sync.book("BTCUSDT").sequence()).isEqualTo(512);
        assertThat(counters.stale()).isEqualTo(1);
    }

    @Test
    void snapshotBetweenUpdatesBridgesOnTheCoveringEvent() {
        sync.onDepthUpdate(diff("X", 10, 20));
        sync.onDepthUpdate(diff("X", 21, 30));
        source.answer("X", snapshot("X", 25)); // U 21 <= 26 <= u 30
        assertThat(sync.isSynced("X")).isTrue();
        assertThat(sync.book("X").sequence()).isEqualTo(30);
    }

    @Test
    void aHoleRightAfterTheSnapshotIsAGap() {
        sync.onDepthUpdate(diff("X", 10, 20));
        sync.onDepthUpdate(diff("X", 30, 40)); // 21..29 missing
        source.answer("X", snapshot("X", 25));
        assertThat(counters.gaps()).isEqualTo(1);
        assertThat(counters.resyncs()).isEqualTo(1);
        assertThat(sync.isSynced("X")).isFalse();
        assertThat(source.fetches).containsExactly("X", "X");
        source.answer("X", snapshot("X", 35));
        assertThat(sync.isSynced("X")).isTrue();
    }

    @Test
    void aGapMidStreamResyncsOnlyThatSymbol() {
        sync.onDepthUpdate(diff("AAA", 1, 1));
        sync.onDepthUpdate(diff("BBB", 1, 1));
        source.answer("AAA", snapshot("AAA", 1));
        source.answer("BBB", snapshot("BBB", 1));
        sync.onDepthUpdate(diff("AAA", 2, 2));
        sync.onDepthUpdate(diff("BBB", 2, 3));
        assertThat(sync.isSynced("AAA")).isTrue();
        assertThat(sync.isSynced("BBB")).isTrue();
        source.fetches.clear();

        assertThat(sync.onDepthUpdate(diff("AAA", 5, 6))).isEqualTo(SyncStatus.GAP); // 3..4 lost
        assertThat(sync.onDepthUpdate(diff("BBB", 4, 4))).isEqualTo(SyncStatus.APPLIED);
        assertThat(source.fetches).containsExactly("AAA");
        assertThat(sync.isSynced("AAA")).isFalse();
        assertThat(sync.isSynced("BBB")).isTrue();
        assertThat(counters.gaps()).isEqualTo(1);
        assertThat(counters.resyncs()).isEqualTo(1);

        assertThat(sync.onDepthUpdate(diff("AAA", 7, 8))).isEqualTo(SyncStatus.BUFFERED);
        int before = out.size();
        source.answer("AAA", snapshot("AAA", 6));
        assertThat(sync.isSynced("AAA")).isTrue();
        assertThat(sync.book("AAA").sequence()).isEqualTo(8);
        assertThat(out.get(before)).isInstanceOf(BookSnapshot.class);
        assertThat(counters.booksSynced()).isEqualTo(3);
    }

    @Test
    void updateIdsThatWentBackwardsForGoodResyncInsteadOfFreezingTheBook() {
        long[] now = {0};
        BinanceBookSync s = new BinanceBookSync(source, Runnable::run, out::add, counters, BookSyncConfig.defaults(),
                () -> now[0]);
        s.onDepthUpdate(diff("X", 10_000, 10_000));
        source.answer("X", snapshot("X", 10_000));
        assertThat(s.onDepthUpdate(diff("X", 10_001, 10_001))).isEqualTo(SyncStatus.SYNCED);
        // a handoff replays a new socket's held diffs, thousands of them older than the book, all at once: no resync
        for (long u = 1; u <= 5_000; u++) {
            assertThat(s.onDepthUpdate(diff("X", u, u))).isEqualTo(SyncStatus.STALE);
        }
        assertThat(s.onDepthUpdate(diff("X", 10_002, 10_002))).isEqualTo(SyncStatus.APPLIED);
        // the venue restarted its ids at 1: from now on every diff is "stale", ten a second
        source.fetches.clear();
        long u = 1;
        for (; now[0] < TimeUnit.MILLISECONDS.toNanos(BinanceBookSync.STALE_RESYNC_MILLIS); u++) {
            assertThat(s.onDepthUpdate(diff("X", u, u))).isEqualTo(SyncStatus.STALE);
            assertThat(s.isSynced("X")).isTrue();
            now[0] += TimeUnit.MILLISECONDS.toNanos(100);
        }
        assertThat(s.onDepthUpdate(diff("X", u, u))).isEqualTo(SyncStatus.GAP);
        assertThat(s.isSynced("X")).as("no longer published as in sync").isFalse();
        assertThat(counters.resyncs()).isEqualTo(1);
        assertThat(source.fetches).containsExactly("X");
        source.answer("X", snapshot("X", u));
        s.onDepthUpdate(diff("X", u + 1, u + 2));
        assertThat(s.isSynced("X")).isTrue();
        assertThat(s.book("X").sequence()).isEqualTo(u + 2);
    }

    @Test
    void aSnapshotAheadOfTheStreamDoesNotBridgeForeverButALateOneIsFine() {
        long[] now = {0};
        BinanceBookSync s = new BinanceBookSync(source, Runnable::run, out::add, counters, BookSyncConfig.defaults(),
                () -> now[0]);
        // a snapshot that comes late: 1,000 diffs buffered meanwhile, most older than it; they are expected
        for (long u = 1; u <= 1_000; u++) {
            s.onDepthUpdate(diff("Z", u, u));
            now[0] += TimeUnit.MILLISECONDS.toNanos(100);
        }
        source.answer("Z", snapshot("Z", 990));
        assertThat(s.isSynced("Z")).isTrue();
        assertThat(counters.resyncs()).isZero();

        s.onDepthUpdate(diff("Y", 10, 20));
        source.answer("Y", snapshot("Y", 1_000_000)); // lastUpdateId far beyond anything the stream sends
        for (long u = 21; now[0] < TimeUnit.SECONDS.toNanos(200); u++) {
            s.onDepthUpdate(diff("Y", u, u));
            now[0] += TimeUnit.MILLISECONDS.toNanos(100);
        }
        assertThat(counters.resyncs()).isEqualTo(1);
        assertThat(source.fetches).containsExactly("Z", "Y", "Y");
    }

    @Test
    void zeroQuantityRemovesALevelAndTopFollows() {
        sync.onDepthUpdate(diff("X", 1, 1, List.of(), List.of()));
        source.answer("X", snapshot("X", 1));
        sync.onDepthUpdate(diff("X", 1, 2, List.of(), List.of()));
        out.clear();
        sync.onDepthUpdate(diff("X", 2, 2, List.of(), List.of())); // stale
        sync.onDepthUpdate(diff("X", 3, 3, List.of(PriceLevel.of("1.0", "0")), List.of()));
        assertThat(sync.book("X").bestBid()).isEqualTo(PriceLevel.of("0.9", "5"));
        assertThat(out).hasSize(2);
        assertThat(out.get(1)).isEqualTo(new BookTop("binance", "X", Decimal.parse("0.9"), Decimal.parse("5"),
                Decimal.parse("2.0"), Decimal.parse("5"), 3));
        // a change below the top publishes the delta but no top
        sync.onDepthUpdate(diff("X", 4, 4, List.of(PriceLevel.of("0.5", "1")), List.of()));
        assertThat(out).hasSize(3);
    }

    @Test
    void crossedBooksAreCounted() {
        sync.onDepthUpdate(diff("X", 1, 1, List.of(), List.of()));
        source.answer("X", snapshot("X", 1));
        sync.onDepthUpdate(diff("X", 2, 2, List.of(PriceLevel.of("2.5", "1")), List.of()));
        sync.onDepthUpdate(diff("X", 3, 3, List.of(PriceLevel.of("2.6", "1")), List.of()));
        assertThat(counters.crossed()).isEqualTo(1);
        sync.onDepthUpdate(diff("X", 4, 4, List.of(PriceLevel.of("2.5", "0"), PriceLevel.of("2.6", "0")), List.of()));
        sync.onDepthUpdate(diff("X", 5, 5, List.of(PriceLevel.of("3", "1")), List.of()));
        assertThat(counters.crossed()).isEqualTo(2);
    }

    @Test
    void aFailedFetchLeavesTheBookUnsyncedAndTheNextDiffTriesAgain() {
        sync.onDepthUpdate(diff("X", 1, 1));
        source.fail("X");
        assertThat(counters.snapshotFailures()).isEqualTo(1);
        assertThat(sync.isSynced("X")).isFalse();
        sync.onDepthUpdate(diff("X", 2, 2));
        assertThat(source.fetches).containsExactly("X", "X");
        source.answer("X", snapshot("X", 1));
        assertThat(sync.isSynced("X")).isTrue();
        assertThat(sync.book("X").sequence()).isEqualTo(2);
    }

    @Test
    void unavailableSourceNeverSyncsAndNeverLoops() {
        BinanceBookSync s = new BinanceBookSync(SnapshotSource.unavailable(), Runnable::run, out::add, counters,
                BookSyncConfig.defaults());
        for (int i = 1; i <= 100; i++) {
            assertThat(s.onDepthUpdate(diff("X", i, i))).isEqualTo(SyncStatus.BUFFERED);
        }
        assertThat(s.isSynced("X")).isFalse();
        assertThat(out).isEmpty();
    }

    @Test
    void aStaleSnapshotCompletionAfterResetIsIgnored() {
        sync.onDepthUpdate(diff("X", 10, 10));
        sync.reset("X");
        source.answer("X", snapshot("X", 10));
        assertThat(sync.isSynced("X")).isFalse();
        assertThat(out).isEmpty();
        sync.onDepthUpdate(diff("X", 11, 12));
        source.answer("X", snapshot("X", 11));
        assertThat(sync.isSynced("X")).isTrue();
    }

    @Test
    void bufferIsBoundedDroppingTheOldest() {
        BinanceBookSync s = new BinanceBookSync(source, Runnable::run, out::add, counters,
                BookSyncConfig.defaults().withMaxBufferedUpdates(3));
        for (int i = 1; i <= 10; i++) {
            s.onDepthUpdate(diff("X", i, i));
        }
        source.answer("X", snapshot("X", 6)); // older than the oldest kept (8): refetch
        assertThat(counters.snapshotRetries()).isEqualTo(1);
        source.answer("X", snapshot("X", 8));
        assertThat(s.isSynced("X")).isTrue();
        assertThat(s.book("X").sequence()).isEqualTo(10);
    }

    @Test
    void rejectsForeignOrInvertedUpdates() {
        assertThat(sync.onDepthUpdate(new BookDelta("okx", "X", List.of(), List.of(), 1, 1, 0)))
                .isEqualTo(SyncStatus.REJECTED);
        assertThat(sync.onDepthUpdate(diff("X", 5, 4))).isEqualTo(SyncStatus.REJECTED);
        assertThat(source.fetches).isEmpty();
    }
}
