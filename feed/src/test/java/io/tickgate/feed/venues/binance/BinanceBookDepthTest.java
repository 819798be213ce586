package io.tickgate.feed.venues.binance;

import io.tickgate.processing.book.SyncStatus;

import io.tickgate.processing.book.SnapshotSource;

import io.tickgate.processing.book.BookSyncConfig;

import io.tickgate.processing.book.BookSyncCounters;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickgate.model.book.OrderBook;
import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.BookDelta;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.event.PriceLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real {@link BinanceBookSync} publishing only the depth its REST snapshot vouches for: what a subscriber rebuilds
 * from the published snapshot and deltas is, after every diff, exactly the local book's top {@code depth} levels,
 * and nothing deeper is ever published.
 */
@Timeout(30)
class BinanceBookDepthTest {

    private static final int DEPTH = 20;

    private final List<MarketEvent> out = new ArrayList<>();
    private final BookSyncCounters counters = new BookSyncCounters();

    /** A snapshot source answering with {@code limit} levels per side of a given book, like GET /api/v3/depth. */
    private static SnapshotSource restOf(BookSnapshot full, int limit) {
        return symbol -> CompletableFuture.completedFuture(new BookSnapshot(full.source(), symbol,
                full.bids().subList(0, Math.min(limit, full.bids().size())),
                full.asks().subList(0, Math.min(limit, full.asks().size())), full.sequence(), full.timestamp()));
    }

    private static BookSnapshot venueBook(int levels, long lastUpdateId) {
        List<PriceLevel> bids = new ArrayList<>();
        List<PriceLevel> asks = new ArrayList<>();
        for (int i = 1; i <= levels; i++) {
            bids.add(new PriceLevel(Decimal.of(10_000 - i, 2), Decimal.of(i, 0)));
            asks.add(new PriceLevel(Decimal.of(10_000 + i, 2), Decimal.of(i, 0)));
        }
        return new BookSnapshot("binance", "BTCUSDT", bids, asks, lastUpdateId, 0);
    }

    /** Publishes the top 20 of a 50-level REST snapshot (bookDepth 20, depthLimit 50). */
    private BinanceBookSync sync(BookSnapshot venue) {
        return new BinanceBookSync(restOf(venue, 50), Runnable::run, out::add, counters,
                BookSyncConfig.defaults().withSnapshotDepth(DEPTH).withPublishTop(false));
    }

    private static BookDelta diff(long u, List<PriceLevel> bids, List<PriceLevel> asks) {
        return new BookDelta("binance", "BTCUSDT", bids, asks, u, u, u);
    }

    /** The first diff after a snapshot at {@code u - 1}: {@code U <= lastUpdateId <= u}, as the sync needs. */
    private static BookDelta bridging(long u, List<PriceLevel> bids, List<PriceLevel> asks) {
        return new BookDelta("binance", "BTCUSDT", bids, asks, u - 1, u, u);
    }

    private static PriceLevel level(long cents, long size) {
        return new PriceLevel(Decimal.of(cents, 2), Decimal.of(size, 0));
    }

    /** The subscriber's copy: the published snapshot, then every published delta. */
    private OrderBook subscriberBook() {
        OrderBook b = new OrderBook("binance", "BTCUSDT");
        for (MarketEvent e : out) {
            if (e instanceof BookSnapshot s) {
                b.replace(s);
            } else if (e instanceof BookDelta d) {
                b.apply(d);
            }
        }
        return b;
    }

    @Test
    void theSnapshotIsCutAtTheVouchedDepthAndDeepChangesStayLocal() {
        BookSnapshot venue = venueBook(100, 10);
        BinanceBookSync sync = sync(venue);
        sync.onDepthUpdate(bridging(11, List.of(level(9_999, 7)), List.of()));
        assertThat(sync.isSynced("BTCUSDT")).isTrue();
        BookSnapshot published = (BookSnapshot) out.get(0);
        assertThat(published.bids()).hasSize(DEPTH);
        assertThat(published.asks()).hasSize(DEPTH);
        assertThat(published.bids().get(0)).isEqualTo(level(9_999, 7));

        // a change below the top 20 (the 30th bid) and a new level far down: the local book only
        out.clear();
        assertThat(sync.onDepthUpdate(diff(12, List.of(level(9_970, 99), level(9_000, 1)), List.of())))
                .isEqualTo(SyncStatus.APPLIED);
        assertThat(out).isEmpty();
        assertThat(sync.book("BTCUSDT").bids(100)).contains(level(9_970, 99), level(9_000, 1));

        // a diff touching both: only the level inside the top is published
        sync.onDepthUpdate(diff(13, List.of(level(9_990, 5), level(9_960, 5)), List.of(level(10_050, 3))));
        assertThat(out).singleElement().isEqualTo(diff(13, List.of(level(9_990, 5)), List.of()));
    }

    @Test
    void levelsPushedOutAreRemovedAndLevelsMovingUpAreAdded() {
        BookSnapshot venue = venueBook(100, 10);
        BinanceBookSync sync = sync(venue);
        sync.onDepthUpdate(bridging(11, List.of(), List.of()));
        int mark = out.size();

        // a new best bid pushes the 20th bid (99.80) out of the top
        PriceLevel newBest = new PriceLevel(Decimal.parse("99.995"), Decimal.parse("2"));
        sync.onDepthUpdate(diff(12, List.of(newBest), List.of()));
        assertThat(out.subList(mark, out.size())).singleElement().isEqualTo(diff(12, List.of(newBest,
                new PriceLevel(Decimal.of(9_980, 2), Decimal.ZERO)), List.of()));

        // the best ask goes: the 21st ask (100.21) moves up into the top with its size from the local book
        mark = out.size();
        sync.onDepthUpdate(diff(13, List.of(), List.of(new PriceLevel(Decimal.of(10_001, 2), Decimal.ZERO))));
        assertThat(out.subList(mark, out.size())).singleElement().isEqualTo(diff(13, List.of(), List.of(
                new PriceLevel(Decimal.of(10_001, 2), Decimal.ZERO), level(10_021, 21))));
        assertThat(subscriberBook().asks(100)).isEqualTo(sync.book("BTCUSDT").asks(DEPTH));
        assertThat(subscriberBook().bids(100)).isEqualTo(sync.book("BTCUSDT").bids(DEPTH));
    }

    @Test
    void aSubscriberAlwaysHoldsExactlyTheLocalTopAndNothingDeeper() {
        Random r = new Random(7);
        BookSnapshot venue = venueBook(60, 100);
        BinanceBookSync sync = sync(venue);
        long u = 101;
        sync.onDepthUpdate(bridging(u++, List.of(), List.of()));
        assertThat(sync.isSynced("BTCUSDT")).isTrue();
        OrderBook subscriber = subscriberBook();
        int published = out.size();
        for (int step = 0; step < 5_000; step++) {
            List<PriceLevel> bids = new ArrayList<>();
            List<PriceLevel> asks = new ArrayList<>();
            for (int k = r.nextInt(6); k >= 0; k--) {
                // mostly near the top, sometimes deep; a third are removals
                int offset = 1 + (int) Math.min(80, Math.abs(r.nextGaussian() * 25));
                long size = r.nextInt(3) == 0 ? 0 : 1 + r.nextInt(50);
                List<PriceLevel> side = r.nextBoolean() ? bids : asks;
                long price = side == bids ? 10_000 - offset : 10_000 + offset;
                if (side.stream().noneMatch(l -> l.price().equals(Decimal.of(price, 2)))) {
                    side.add(level(price, size));
                }
            }
            sync.onDepthUpdate(diff(u++, bids, asks));
            for (MarketEvent e : out.subList(published, out.size())) {
                BookDelta d = (BookDelta) e;
                subscriber.apply(d);
            }
            published = out.size();
            OrderBook local = sync.book("BTCUSDT");
            assertThat(subscriber.bids(1000)).as("bids after step %d", step).isEqualTo(local.bids(DEPTH));
            assertThat(subscriber.asks(1000)).as("asks after step %d", step).isEqualTo(local.asks(DEPTH));
        }
        assertThat(counters.gaps()).isZero();
        // every published non-zero level was within the top 20 when published: the subscriber never held more
        assertThat(out.stream().filter(e -> e instanceof BookDelta).count()).isPositive();
    }

    @Test
    void withoutALimitEveryDiffIsPublishedAsItCame() {
        BinanceBookSync sync = new BinanceBookSync(restOf(venueBook(100, 10), 1000), Runnable::run, out::add,
                counters, BookSyncConfig.defaults().withPublishTop(false));
        sync.onDepthUpdate(bridging(11, List.of(), List.of()));
        assertThat(((BookSnapshot) out.get(0)).bids()).hasSize(100);
        BookDelta deep = diff(12, List.of(level(9_000, 1)), List.of());
        sync.onDepthUpdate(deep);
        assertThat(out.get(1)).isSameAs(deep);
    }
}
