package io.tickgate.feed.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.GapReason;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.event.Side;
import io.tickgate.model.event.Trade;
import io.tickgate.model.event.TradeGap;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The backfill's ordering and bounds on the processing thread, with a venue history kept in memory whose pages
 * complete when the test says (the venue itself is exercised in {@link TradeBackfillSimulatorTest}).
 */
@Timeout(10)
class TradeBackfillTest {

    private final List<Object> out = new ArrayList<>();
    private final List<Runnable> tasks = new ArrayList<>();
    private final AtomicLong nanos = new AtomicLong();
    private final BackfillCounters counters = new BackfillCounters();
    private final TradeLine line = new TradeLine();

    /** A venue history holding ids {@code oldest..}: pages wait until {@link #answer()}. */
    private final class History implements TradeHistory {
        final long oldest;
        final Paging paging;
        final int pageSize;
        final List<CompletableFuture<List<Trade>>> waiting = new ArrayList<>();
        final List<long[]> asked = new ArrayList<>();
        boolean failing;
        /** Tells its page size: a forward hole's pages are then fetched several at a time. */
        boolean sized;

        History(long oldest, Paging paging, int pageSize) {
            this.oldest = oldest;
            this.paging = paging;
            this.pageSize = pageSize;
        }

        @Override
        public Paging paging() {
            return paging;
        }

        @Override
        public int pageSize() {
            return sized ? pageSize : 0;
        }

        @Override
        public boolean covers(boolean aggregated) {
            return true;
        }

        /** Answers the waiting pages newest first (and the ones they make start), until none waits. */
        void answerNewestFirst() {
            while (!waiting.isEmpty()) {
                waiting.remove(waiting.size() - 1).complete(pages.remove(pages.size() - 1));
            }
            runTasks();
        }

        @Override
        public CompletableFuture<List<Trade>> page(String symbol, boolean aggregated, long fromId, long toId) {
            asked.add(new long[] {fromId, toId});
            if (failing) {
                return CompletableFuture.failedFuture(new IllegalStateException("GET: HTTP 503"));
            }
            List<Trade> page = new ArrayList<>();
            if (paging == Paging.FORWARD) {
                for (long id = Math.max(fromId, oldest); id <= toId && page.size() < pageSize; id++) {
                    page.add(trade(id));
                }
            } else {
                for (long id = toId; id >= Math.max(fromId, oldest) && page.size() < pageSize; id--) {
                    page.add(trade(id));
                }
            }
            CompletableFuture<List<Trade>> f = new CompletableFuture<>();
            waiting.add(f);
            pages.add(page);
            return f;
        }

        final List<List<Trade>> pages = new ArrayList<>();

        /** Answers every waiting page, and the pages those answers ask for, until none waits. */
        void answer() {
            while (!waiting.isEmpty()) {
                CompletableFuture<List<Trade>> f = waiting.remove(0);
                f.complete(pages.remove(0));
            }
            runTasks();
        }
    }

    private static Trade trade(long id) {
        return new Trade("binance", "BTCUSDT", Long.toString(id), Decimal.parse("1"), Decimal.parse("2"), Side.BUY,
                1_000 + id, true);
    }

    private TradeBackfill backfill(TradeHistory h, BackfillConfig config) {
        return new TradeBackfill(h, config, tasks::add, this::emit, counters, nanos::get);
    }

    private void emit(MarketEvent e) {
        out.add(e instanceof TradeGap g ? g : Long.parseLong(((Trade) e).tradeId()));
    }

    private void live(TradeBackfill b, long id) {
        b.onLive(line, trade(id), id, this::emit);
    }

    private void runTasks() {
        while (!tasks.isEmpty()) {
            tasks.remove(0).run();
        }
    }

    @Test
    void aHoleIsFilledInIdOrderBeforeTheLiveTradesHeldBehindIt() {
        History h = new History(0, TradeHistory.Paging.FORWARD, 3);
        TradeBackfill b = backfill(h, BackfillConfig.DEFAULTS);
        live(b, 10);
        live(b, 18); // 11..17 missed
        live(b, 19);
        live(b, 19); // duplicate while held
        assertThat(out).containsExactly(10L);
        assertThat(b.running()).isEqualTo(1);
        h.answer();
        assertThat(out).containsExactly(10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L);
        assertThat(h.asked).extracting(a -> a[0]).containsExactly(11L, 14L, 17L);
        assertThat(counters.backfilled()).isEqualTo(7);
        assertThat(counters.gapNotices()).isZero();
        assertThat(b.onLive(line, trade(19), 19, this::emit)).isFalse();
    }

    @Test
    void aLongForwardHoleIsFetchedSeveralPagesAtATimeAndStillPublishedInIdOrder() {
        History h = new History(45, TradeHistory.Paging.FORWARD, 10);
        h.sized = true;
        TradeBackfill b = backfill(h, BackfillConfig.DEFAULTS);
        live(b, 10);
        live(b, 101); // 11..100 missed: 9 pages of 10, the venue keeps 45.. only
        live(b, 102);
        assertThat(h.waiting).as("pages in flight").hasSize(ConcurrentPages.IN_FLIGHT);
        assertThat(h.asked).extracting(a -> a[0]).containsExactly(11L, 21L, 31L, 41L);
        h.answerNewestFirst();
        assertThat(h.asked).extracting(a -> a[0]).containsExactlyInAnyOrder(11L, 21L, 31L, 41L, 51L, 61L, 71L,
                81L, 91L);
        assertThat(out.get(0)).isEqualTo(10L);
        assertThat(out.get(1)).isInstanceOfSatisfying(TradeGap.class, g -> {
            assertThat(g.fromId()).isEqualTo("11");
            assertThat(g.toId()).isEqualTo("44");
            assertThat(g.reason()).isEqualTo(GapReason.HISTORY);
        });
        List<Long> after = new ArrayList<>();
        for (long id = 45; id <= 102; id++) {
            after.add(id);
        }
        assertThat(out.subList(2, out.size())).isEqualTo(after);
        assertThat(counters.backfilled()).isEqualTo(56);
    }

    @Test
    void aSecondHoleAmongTheHeldTradesIsBackfilledInItsTurn() {
        History h = new History(0, TradeHistory.Paging.FORWARD, 100);
        TradeBackfill b = backfill(h, BackfillConfig.DEFAULTS);
        live(b, 10);
        live(b, 14); // 11..13 missed: held behind their backfill
        live(b, 15);
        live(b, 20); // the connection dropped again while the first fetch ran: 16..19 missed too
        live(b, 21);
        h.answer();
        assertThat(out).containsExactly(10L, 11L, 12L, 13L, 14L, 15L); // 20 waits for the second hole's fetch
        assertThat(b.running()).isEqualTo(1);
        h.answer();
        assertThat(out).containsExactly(10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L, 20L, 21L);
        assertThat(h.asked).extracting(a -> a[0] + ".." + a[1]).containsExactly("11..13", "16..19");
        assertThat(counters.backfilled()).isEqualTo(7);
        assertThat(counters.gapNotices()).isZero();
        assertThat(b.running()).isZero();
    }

    @Test
    void aHoleAmongTheTradesAnAbandonedBackfillReleasesIsNotSilent() {
        History h = new History(0, TradeHistory.Paging.FORWARD, 100);
        h.failing = true;
        TradeBackfill b = backfill(h, new BackfillConfig(1_000, 100, 1_000));
        live(b, 1);
        live(b, 3); // 2 missed
        live(b, 6); // 4..5 missed while held
        nanos.addAndGet(1_000_000_000L);
        b.tick(); // the first backfill times out and releases 3 and 6: 6 opens a hole of its own, which fails
        runTasks();
        assertThat(out).hasSize(5);
        assertThat(((TradeGap) out.get(1)).reason()).isEqualTo(GapReason.LIMIT);
        assertThat(out.get(2)).isEqualTo(3L);
        TradeGap second = (TradeGap) out.get(3);
        assertThat(second.fromId() + ".." + second.toId()).isEqualTo("4..5");
        assertThat(second.reason()).isEqualTo(GapReason.REST_FAILED);
        assertThat(out.get(4)).isEqualTo(6L);
    }

    @Test
    void aPrintOfSeveralMatchesCoversItsWholeIdSpan() {
        History h = new History(0, TradeHistory.Paging.FORWARD, 10);
        TradeBackfill b = backfill(h, BackfillConfig.DEFAULTS);
        live(b, 10);
        b.onLive(line, print(13, 3), 13, this::emit); // OKX: ids 11..13 in one print, no hole
        assertThat(b.running()).isZero();
        b.onLive(line, print(18, 2), 18, this::emit); // ids 17..18: 14..16 were missed
        assertThat(h.asked).hasSize(1);
        assertThat(h.asked.get(0)).containsExactly(14L, 16L);
        h.answer();
        assertThat(out).containsExactly(10L, 13L, 14L, 15L, 16L, 18L);
        assertThat(counters.gapNotices()).isZero();
        assertThatThrownBy(() -> print(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Trade print(long id, int matches) {
        return new Trade("okx", "BTC-USDT", Long.toString(id), Decimal.parse("1"), Decimal.parse("2"), Side.BUY,
                1_000 + id, false, matches);
    }

    @Test
    void aLowerIdThatIsClearlyNewerThanTheLastTradeStartsTheLineOverInsteadOfBeingDroppedForever() {
        History h = new History(0, TradeHistory.Paging.FORWARD, 10);
        TradeBackfill b = backfill(h, BackfillConfig.DEFAULTS);
        line.resume(5_000, 10_000); // the broker kept id 5000 at t = 10 s from an earlier run of the venue
        assertThat(b.onLive(line, at(4_990, 10_500), 4_990, this::emit)).isFalse(); // late duplicate: dropped
        assertThat(b.onLive(line, at(7, 20_000), 7, this::emit)).isTrue(); // the venue numbers anew
        assertThat(b.onLive(line, at(8, 20_010), 8, this::emit)).isTrue();
        assertThat(b.onLive(line, at(8, 20_010), 8, this::emit)).isFalse();
        assertThat(out).containsExactly(7L, 8L);
        assertThat(h.asked).isEmpty();
    }

    @Test
    void aStrayLowIdDoesNotMakeTheNextTradeOpenAHoleOverIdsAlreadyPublished() {
        History h = new History(0, TradeHistory.Paging.FORWARD, 10);
        TradeBackfill b = backfill(h, BackfillConfig.DEFAULTS);
        for (long id = 1_000; id <= 1_010; id++) {
            assertThat(b.onLive(line, at(id, 10_000 + id - 1_000), id, this::emit)).isTrue();
        }
        assertThat(b.onLive(line, at(500, 12_000), 500, this::emit)).as("looks like a renumbering").isTrue();
        assertThat(b.onLive(line, at(1_005, 10_005), 1_005, this::emit)).as("a late duplicate of the old ids")
                .isFalse();
        assertThat(b.onLive(line, at(1_011, 12_001), 1_011, this::emit)).isTrue(); // the old numbering goes on
        assertThat(b.onLive(line, at(1_012, 12_002), 1_012, this::emit)).isTrue();
        assertThat(h.asked).as("no backfill of 501..1010, which were published").isEmpty();
        assertThat(counters.gapNotices()).isZero();
        assertThat(out).containsExactly(1_000L, 1_001L, 1_002L, 1_003L, 1_004L, 1_005L, 1_006L, 1_007L, 1_008L,
                1_009L, 1_010L, 500L, 1_011L, 1_012L);
    }

    private static Trade at(long id, long time) {
        return new Trade("binance", "BTCUSDT", Long.toString(id), Decimal.parse("1"), Decimal.parse("2"), Side.BUY,
                time, true);
    }

    @Test
    void backwardPagingReachesTheLowEndAndWhatTheHistoryLacksIsOneExactGap() {
        History h = new History(15, TradeHistory.Paging.BACKWARD, 2);
        TradeBackfill b = backfill(h, BackfillConfig.DEFAULTS);
        live(b, 10);
        live(b, 20); // 11..19 missed, the venue keeps 15..
        h.answer();
        assertThat(out).hasSize(8);
        TradeGap gap = (TradeGap) out.get(1);
        assertThat(gap.fromId()).isEqualTo("11");
        assertThat(gap.toId()).isEqualTo("14");
        assertThat(gap.reason()).isEqualTo(GapReason.HISTORY);
        assertThat(gap.fromTime()).isEqualTo(1_010);
        assertThat(gap.toTime()).isEqualTo(1_015);
        assertThat(out.subList(2, 8)).containsExactly(15L, 16L, 17L, 18L, 19L, 20L);
        assertThat(counters.unrecoverable()).isEqualTo(4);
    }

    @Test
    void aHoleLargerThanTheBoundHasItsOlderPartAnnouncedAtOnce() {
        History h = new History(0, TradeHistory.Paging.FORWARD, 100);
        TradeBackfill b = backfill(h, new BackfillConfig(5, 100, 1_000));
        live(b, 1);
        live(b, 100);
        assertThat(out).hasSize(2);
        assertThat(((TradeGap) out.get(1)).reason()).isEqualTo(GapReason.LIMIT);
        assertThat(((TradeGap) out.get(1)).toId()).isEqualTo("94");
        h.answer();
        assertThat(out.subList(2, out.size())).containsExactly(95L, 96L, 97L, 98L, 99L, 100L);
    }

    @Test
    void tooManyHeldTradesOrTooMuchTimeAbandonTheBackfillAndReleaseWhatWasHeld() {
        History h = new History(0, TradeHistory.Paging.FORWARD, 100);
        TradeBackfill b = backfill(h, new BackfillConfig(1_000, 2, 1_000));
        live(b, 1);
        live(b, 5);
        live(b, 6);
        live(b, 7); // third held: over the bound
        assertThat(out).hasSize(5);
        assertThat(((TradeGap) out.get(1)).reason()).isEqualTo(GapReason.LIMIT);
        assertThat(out.subList(2, 5)).containsExactly(5L, 6L, 7L);
        h.answer(); // the late answer is ignored
        assertThat(out).hasSize(5);

        live(b, 9);
        nanos.addAndGet(1_000_000_000L);
        b.tick();
        assertThat(out).hasSize(7);
        assertThat(((TradeGap) out.get(5)).fromId()).isEqualTo("8");
        assertThat(out.get(6)).isEqualTo(9L);
        assertThat(b.running()).isZero();
    }

    @Test
    void theHeldTradesBoundIsTheVenuesOverAllItsTopics() {
        History h = new History(0, TradeHistory.Paging.FORWARD, 100);
        TradeBackfill b = backfill(h, new BackfillConfig(1_000, 2, 1_000));
        TradeLine other = new TradeLine();
        List<Object> otherOut = new ArrayList<>();
        Consumer<Trade> toOther = t -> otherOut.add(Long.parseLong(t.tradeId()));
        live(b, 1);
        live(b, 5); // hole 2..4, one held
        b.onLive(other, trade(50), 50, toOther);
        b.onLive(other, trade(60), 60, toOther); // hole 51..59, the second held
        assertThat(b.running()).isEqualTo(2);
        b.onLive(other, trade(61), 61, toOther); // one too many: the other topic's backfill is abandoned
        assertThat(b.running()).isEqualTo(1);
        assertThat(otherOut).containsExactly(50L, 60L, 61L);
        assertThat(out.get(out.size() - 1)).isInstanceOf(TradeGap.class); // its gap went out through the gaps sink
        assertThat(((TradeGap) out.get(out.size() - 1)).fromId()).isEqualTo("51");
        h.answer();
        assertThat(b.running()).isZero();
        assertThat(out.subList(out.size() - 4, out.size())).containsExactly(2L, 3L, 4L, 5L);
    }

    @Test
    void aFailedFetchOrNoHistoryAnnouncesTheHole() {
        History failing = new History(0, TradeHistory.Paging.FORWARD, 100);
        failing.failing = true;
        TradeBackfill b = backfill(failing, BackfillConfig.DEFAULTS);
        live(b, 1);
        live(b, 4);
        runTasks();
        assertThat(out).hasSize(3);
        assertThat(((TradeGap) out.get(1)).reason()).isEqualTo(GapReason.REST_FAILED);
        assertThat(out.get(2)).isEqualTo(4L);

        b.history(null);
        live(b, 6);
        assertThat(((TradeGap) out.get(3)).reason()).isEqualTo(GapReason.NO_HISTORY);
        assertThat(out.get(4)).isEqualTo(6L);
    }
}
