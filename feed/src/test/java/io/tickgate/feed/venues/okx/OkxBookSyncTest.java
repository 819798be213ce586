package io.tickgate.feed.venues.okx;

import io.tickgate.processing.book.SyncStatus;

import io.tickgate.processing.book.BookSyncCounters;

import io.tickgate.processing.book.BookSyncConfig;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickgate.model.event.BookDelta;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.BookTop;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.event.PriceLevel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class OkxBookSyncTest {

    private final List<String> resubscribed = new ArrayList<>();
    private final List<MarketEvent> out = new ArrayList<>();
    private final BookSyncCounters counters = new BookSyncCounters();
    private final OkxBookSync sync = new OkxBookSync(resubscribed::add, out::add, counters, BookSyncConfig.defaults());

    private static final List<PriceLevel> BIDS = List.of(PriceLevel.of("3366.1", "7"), PriceLevel.of("3366", "6"));
    private static final List<PriceLevel> ASKS = List.of(PriceLevel.of("3366.8", "9"), PriceLevel.of("3368", "8"));
    private static final OptionalInt NONE = OptionalInt.empty();

    private SyncStatus update(String inst, long prev, long seq, List<PriceLevel> bids, List<PriceLevel> asks) {
        return sync.onBook(inst, false, bids, asks, seq, prev, NONE, seq);
    }

    @Test
    void theDocumentedSequenceIsAccepted() {
        // OKX docs, "Sequence ID": snapshot (-1,10), (10,15), heartbeat (15,15), reset (15,3), (3,5)
        assertThat(sync.onBook("BTC-USDT", true, BIDS, ASKS, 10, -1, NONE, 1)).isEqualTo(SyncStatus.SYNCED);
        assertThat(update("BTC-USDT", 10, 15, List.of(PriceLevel.of("3366.2", "1")), List.of()))
                .isEqualTo(SyncStatus.APPLIED);
        assertThat(update("BTC-USDT", 15, 15, List.of(), List.of())).isEqualTo(SyncStatus.APPLIED);
        assertThat(update("BTC-USDT", 15, 3, List.of(), List.of(PriceLevel.of("3366.8", "0"))))
                .isEqualTo(SyncStatus.APPLIED);
        assertThat(update("BTC-USDT", 3, 5, List.of(PriceLevel.of("3366", "0")), List.of()))
                .isEqualTo(SyncStatus.APPLIED);
        assertThat(counters.gaps()).isZero();
        assertThat(counters.resyncs()).isZero();
        assertThat(resubscribed).isEmpty();
        assertThat(sync.book("BTC-USDT").sequence()).isEqualTo(5);
        assertThat(sync.book("BTC-USDT").bids(10)).containsExactly(PriceLevel.of("3366.2", "1"),
                PriceLevel.of("3366.1", "7"));
        assertThat(sync.book("BTC-USDT").asks(10)).containsExactly(PriceLevel.of("3368", "8"));
        // snapshot, top, delta(10→15), top, [heartbeat: nothing], delta(15→3), top, delta(3→5) (no top change)
        assertThat(out).extracting(e -> e.getClass().getSimpleName()).containsExactly("BookSnapshot", "BookTop",
                "BookDelta", "BookTop", "BookDelta", "BookTop", "BookDelta");
        BookDelta reset = (BookDelta) out.get(4);
        assertThat(reset.firstSequence()).isEqualTo(16);
        assertThat(reset.sequence()).isEqualTo(3);
    }

    @Test
    void aSnapshotThatNeverComesIsAskedForAgainWhileUpdatesArrive() {
        long[] now = {0};
        OkxBookSync s = new OkxBookSync(resubscribed::add, out::add, counters, BookSyncConfig.defaults(),
                () -> now[0]);
        long wait = TimeUnit.MILLISECONDS.toNanos(OkxBookSync.SNAPSHOT_WAIT_MILLIS);
        // the first snapshot was lost (a full queue, a refused frame): its updates come, ten a second
        long seq = 1;
        for (; now[0] < wait; seq++, now[0] += TimeUnit.MILLISECONDS.toNanos(100)) {
            assertThat(s.onBook("BTC-USDT", false, BIDS, List.of(), seq + 1, seq, NONE, seq))
                    .isEqualTo(SyncStatus.IGNORED);
        }
        assertThat(resubscribed).isEmpty();
        s.onBook("BTC-USDT", false, BIDS, List.of(), seq + 1, seq, NONE, seq);
        assertThat(resubscribed).containsExactly("BTC-USDT");
        // the resubscription's snapshot is lost too: asked again one wait later, not before
        now[0] += wait - 1;
        s.onBook("BTC-USDT", false, BIDS, List.of(), seq + 2, seq + 1, NONE, seq);
        assertThat(resubscribed).hasSize(1);
        now[0] += 1;
        s.onBook("BTC-USDT", false, BIDS, List.of(), seq + 3, seq + 2, NONE, seq);
        assertThat(resubscribed).containsExactly("BTC-USDT", "BTC-USDT");
        assertThat(counters.resyncs()).isEqualTo(2);
        assertThat(s.onBook("BTC-USDT", true, BIDS, ASKS, 500, -1, NONE, 2)).isEqualTo(SyncStatus.SYNCED);
        now[0] += 10 * wait;
        assertThat(s.onBook("BTC-USDT", false, BIDS, List.of(), 501, 500, NONE, 3)).isEqualTo(SyncStatus.APPLIED);
        assertThat(resubscribed).hasSize(2);
        // a reset (the socket went down) waits for the new socket's snapshot, then asks when it is overdue
        s.reset("BTC-USDT");
        now[0] += wait;
        s.onBook("BTC-USDT", false, BIDS, List.of(), 502, 501, NONE, 4);
        assertThat(resubscribed).hasSize(3);
    }

    @Test
    void aRealHoleIsAGapThatResubscribesOnlyThatSymbol() {
        sync.onBook("BTC-USDT", true, BIDS, ASKS, 10, -1, NONE, 1);
        sync.onBook("ETH-USDT", true, BIDS, ASKS, 100, -1, NONE, 1);
        assertThat(update("BTC-USDT", 12, 15, BIDS, List.of())).isEqualTo(SyncStatus.GAP);
        assertThat(resubscribed).containsExactly("BTC-USDT");
        assertThat(counters.gaps()).isEqualTo(1);
        assertThat(counters.resyncs()).isEqualTo(1);
        assertThat(sync.isSynced("BTC-USDT")).isFalse();
        assertThat(sync.isSynced("ETH-USDT")).isTrue();
        // until the new snapshot arrives, updates are dropped
        assertThat(update("BTC-USDT", 15, 16, BIDS, List.of())).isEqualTo(SyncStatus.IGNORED);
        assertThat(update("ETH-USDT", 100, 101, BIDS, List.of())).isEqualTo(SyncStatus.APPLIED);
        assertThat(sync.onBook("BTC-USDT", true, BIDS, ASKS, 20, -1, NONE, 2)).isEqualTo(SyncStatus.SYNCED);
        assertThat(update("BTC-USDT", 20, 21, BIDS, List.of())).isEqualTo(SyncStatus.APPLIED);
        assertThat(counters.booksSynced()).isEqualTo(3);
    }

    @Test
    void aHeartbeatThatDoesNotChainIsAGapToo() {
        sync.onBook("BTC-USDT", true, BIDS, ASKS, 10, -1, NONE, 1);
        assertThat(update("BTC-USDT", 11, 11, List.of(), List.of())).isEqualTo(SyncStatus.GAP);
    }

    @Test
    void updatesBeforeTheFirstSnapshotAreIgnored() {
        assertThat(update("BTC-USDT", 1, 2, BIDS, ASKS)).isEqualTo(SyncStatus.IGNORED);
        assertThat(out).isEmpty();
        assertThat(resubscribed).isEmpty();
    }

    @Test
    void checksumsAreVerifiedAndAMismatchIsAGap() {
        // the documented example: "3366.1:7:3366.8:9:3366:6:3368:8" -> -1881014294
        assertThat(sync.onBook("BTC-USD-191227", true, BIDS, ASKS, 1, -1, OptionalInt.of(-1881014294), 1))
                .isEqualTo(SyncStatus.SYNCED);
        assertThat(counters.checksumsVerified()).isEqualTo(1);
        // remove bid 3366 -> "3366.1:7:3366.8:9:3368:8"
        int expected = OkxChecksum.crc("3366.1:7:3366.8:9:3368:8");
        assertThat(sync.onBook("BTC-USD-191227", false, List.of(PriceLevel.of("3366", "0")), List.of(), 2, 1,
                OptionalInt.of(expected), 2)).isEqualTo(SyncStatus.APPLIED);
        assertThat(counters.checksumsVerified()).isEqualTo(2);
        int before = out.size();
        assertThat(sync.onBook("BTC-USD-191227", false, List.of(PriceLevel.of("3366.05", "1")), List.of(), 3, 2,
                OptionalInt.of(expected), 3)).isEqualTo(SyncStatus.CHECKSUM_MISMATCH);
        assertThat(out).hasSize(before); // nothing published from a book that failed its checksum
        assertThat(counters.checksumsFailed()).isEqualTo(1);
        assertThat(counters.gaps()).isEqualTo(1);
        assertThat(resubscribed).containsExactly("BTC-USD-191227");
        assertThat(sync.isSynced("BTC-USD-191227")).isFalse();
    }

    @Test
    void aSnapshotWithAWrongChecksumIsNotPublished() {
        assertThat(sync.onBook("BTC-USDT", true, BIDS, ASKS, 1, -1, OptionalInt.of(12345), 1))
                .isEqualTo(SyncStatus.CHECKSUM_MISMATCH);
        assertThat(out).isEmpty();
        assertThat(resubscribed).containsExactly("BTC-USDT");
    }

    @Test
    void snapshotIsPublishedInFullBestFirst() {
        sync.onBook("BTC-USDT", true, BIDS, ASKS, 10, -1, NONE, 1);
        BookSnapshot s = (BookSnapshot) out.get(0);
        assertThat(s.bids()).isEqualTo(BIDS);
        assertThat(s.asks()).isEqualTo(ASKS);
        assertThat(s.sequence()).isEqualTo(10);
        assertThat(((BookTop) out.get(1)).bid().toString()).isEqualTo("3366.1");
    }

    // ---------------------------------------------------------------- checksum-only books (before seqId existed)

    /** CRC32 (IEEE) as a signed int, computed here independently of {@link OkxChecksum}. */
    private static int crc32(String interleaved) {
        CRC32 crc = new CRC32();
        crc.update(interleaved.getBytes(StandardCharsets.US_ASCII));
        return (int) crc.getValue();
    }

    private SyncStatus legacy(String inst, boolean snapshot, List<PriceLevel> bids, List<PriceLevel> asks,
                              int checksum) {
        return sync.onChecksumOnlyBook(inst, snapshot, bids, asks, checksum, 1);
    }

    @Test
    void checksumOnlySnapshotAndUpdatesSyncAndEveryChecksumVerifies() {
        String inst = "BTC-USD-191227";
        // the documented example: "3366.1:7:3366.8:9:3366:6:3368:8" -> -1881014294
        assertThat(legacy(inst, true, BIDS, ASKS, -1881014294)).isEqualTo(SyncStatus.SYNCED);
        // delete bid 3366
        assertThat(legacy(inst, false, List.of(PriceLevel.of("3366", "0")), List.of(),
                crc32("3366.1:7:3366.8:9:3368:8"))).isEqualTo(SyncStatus.APPLIED);
        // add ask 3372 (the older docs' odd example: "3366.1:7:3366.8:9:3368:8:3372:8" -> 831078360)
        assertThat(legacy(inst, false, List.of(), List.of(PriceLevel.of("3372", "8")), 831078360))
                .isEqualTo(SyncStatus.APPLIED);
        // change a size, and a message without changes (still checksummed)
        assertThat(legacy(inst, false, List.of(PriceLevel.of("3366.1", "5")), List.of(),
                crc32("3366.1:5:3366.8:9:3368:8:3372:8"))).isEqualTo(SyncStatus.APPLIED);
        assertThat(legacy(inst, false, List.of(), List.of(), crc32("3366.1:5:3366.8:9:3368:8:3372:8")))
                .isEqualTo(SyncStatus.APPLIED);

        assertThat(counters.checksumsVerified()).isEqualTo(5);
        assertThat(counters.checksumsFailed()).isZero();
        assertThat(counters.gaps()).isZero();
        assertThat(counters.resyncs()).isZero();
        assertThat(counters.booksSynced()).isEqualTo(1);
        assertThat(resubscribed).isEmpty();
        assertThat(sync.isSynced(inst)).isTrue();
        assertThat(sync.book(inst).bids(25)).containsExactly(PriceLevel.of("3366.1", "5"));
        assertThat(sync.book(inst).asks(25)).containsExactly(PriceLevel.of("3366.8", "9"),
                PriceLevel.of("3368", "8"), PriceLevel.of("3372", "8"));
        assertThat(sync.book(inst).sequence()).isZero(); // the venue sent none
        assertThat(out).filteredOn(e -> e instanceof BookDelta).hasSize(3)
                .allSatisfy(e -> assertThat(((BookDelta) e).sequence()).isZero());
    }

    @Test
    void aCorruptedLevelIsDetectedByTheChecksumAndTheBookResyncs() {
        String inst = "BTC-USDT";
        assertThat(legacy(inst, true, BIDS, ASKS, -1881014294)).isEqualTo(SyncStatus.SYNCED);
        int before = out.size();
        // the venue changed bid 3366.1 to size 5 and checksummed that; the level arrived with size 8
        int venueChecksum = crc32("3366.1:5:3366.8:9:3366:6:3368:8");
        assertThat(legacy(inst, false, List.of(PriceLevel.of("3366.1", "8")), List.of(), venueChecksum))
                .isEqualTo(SyncStatus.CHECKSUM_MISMATCH);
        assertThat(out).hasSize(before); // nothing published from the corrupted book
        assertThat(counters.checksumsFailed()).isEqualTo(1);
        assertThat(counters.gaps()).isEqualTo(1);
        assertThat(counters.resyncs()).isEqualTo(1);
        assertThat(resubscribed).containsExactly(inst);
        assertThat(sync.isSynced(inst)).isFalse();
        // until the new snapshot arrives, updates are dropped (and not checksummed)
        assertThat(legacy(inst, false, List.of(PriceLevel.of("3366", "0")), List.of(), 1))
                .isEqualTo(SyncStatus.IGNORED);
        // the resubscription's snapshot syncs the book again
        List<PriceLevel> bids = List.of(PriceLevel.of("3366.1", "5"), PriceLevel.of("3366", "6"));
        assertThat(legacy(inst, true, bids, ASKS, venueChecksum)).isEqualTo(SyncStatus.SYNCED);
        assertThat(sync.isSynced(inst)).isTrue();
        assertThat(((BookSnapshot) out.get(before)).bids()).isEqualTo(bids);
        assertThat(legacy(inst, false, List.of(PriceLevel.of("3366", "0")), List.of(),
                crc32("3366.1:5:3366.8:9:3368:8"))).isEqualTo(SyncStatus.APPLIED);
        assertThat(counters.booksSynced()).isEqualTo(2);
        assertThat(counters.checksumsVerified()).isEqualTo(3);
        assertThat(counters.checksumsFailed()).isEqualTo(1);
    }

    @Test
    void aChecksumOfZeroIsVerifiedNotSkipped() {
        // a book whose CRC32 is 0: the last ask size was solved for (CRC32 is affine over GF(2) in the message
        // bits, so 33 free bits of the digits 0-7 can zero its 32 bits); checked independently here
        List<PriceLevel> asks = List.of(PriceLevel.of("3366.8", "9"), PriceLevel.of("3368", "123057750260"));
        assertThat(crc32("3366.1:7:3366.8:9:3366:6:3368:123057750260")).isZero();
        assertThat(legacy("ZERO-USDT", true, BIDS, asks, 0)).isEqualTo(SyncStatus.SYNCED);
        assertThat(counters.checksumsVerified()).isEqualTo(1);

        // a book whose checksum is not 0, carrying 0: a mismatch, detected in a snapshot and in an update
        assertThat(legacy("BTC-USDT", true, BIDS, ASKS, 0)).isEqualTo(SyncStatus.CHECKSUM_MISMATCH);
        assertThat(sync.isSynced("BTC-USDT")).isFalse();
        assertThat(legacy("ETH-USDT", true, BIDS, ASKS, -1881014294)).isEqualTo(SyncStatus.SYNCED);
        assertThat(legacy("ETH-USDT", false, List.of(), List.of(PriceLevel.of("3368", "0")), 0))
                .isEqualTo(SyncStatus.CHECKSUM_MISMATCH);
        assertThat(counters.checksumsVerified()).isEqualTo(2);
        assertThat(counters.checksumsFailed()).isEqualTo(2);
        assertThat(resubscribed).containsExactly("BTC-USDT", "ETH-USDT");
        assertThat(sync.isSynced("ZERO-USDT")).isTrue();
    }

    @Test
    void anUpdateOfTheOtherKindThanItsSnapshotIsAGap() {
        assertThat(legacy("BTC-USDT", true, BIDS, ASKS, -1881014294)).isEqualTo(SyncStatus.SYNCED);
        // a sequenced update cannot be chained to a book that has no sequence
        assertThat(update("BTC-USDT", 0, 1, BIDS, List.of())).isEqualTo(SyncStatus.GAP);
        assertThat(sync.onBook("ETH-USDT", true, BIDS, ASKS, 10, -1, NONE, 1)).isEqualTo(SyncStatus.SYNCED);
        // a checksum-only update on a sequenced book would bypass the seqId chain
        assertThat(legacy("ETH-USDT", false, List.of(), List.of(), -1881014294)).isEqualTo(SyncStatus.GAP);
        assertThat(counters.gaps()).isEqualTo(2);
        assertThat(resubscribed).containsExactly("BTC-USDT", "ETH-USDT");
        // a checksum-only snapshot makes the book checksum-only again
        assertThat(legacy("ETH-USDT", true, BIDS, ASKS, -1881014294)).isEqualTo(SyncStatus.SYNCED);
        assertThat(legacy("ETH-USDT", false, List.of(), List.of(), -1881014294)).isEqualTo(SyncStatus.APPLIED);
    }
}
