package io.tickgate.feed.standby;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickgate.feed.backfill.OnePageHistory;
import io.tickgate.feed.backfill.TradeHistory;
import io.tickgate.feed.pipeline.FeedItem;
import io.tickgate.feed.pipeline.ProcessorConfig;
import io.tickgate.feed.pipeline.VenueProcessor;
import io.tickgate.feed.venue.Venues;
import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.GapReason;
import io.tickgate.model.event.Kline;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.event.Side;
import io.tickgate.model.event.Trade;
import io.tickgate.model.event.TradeGap;
import io.tickgate.model.topic.Interval;
import io.tickgate.model.topic.Topic;
import io.tickgate.model.venue.Venue;
import io.tickgate.processing.book.BookSyncConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A hot takeover through the standby pool's own processor, as {@code ShardedFeeds.gained} runs it: the standby's
 * socket data and the takeover task share one queue, so whatever the interleaving of the data around the task (a
 * standby ahead of the broker's last trade, one lagging behind it, a make-before-break handoff of the symbol across
 * the takeover, trades queued behind the task, a hole of the standby's own still being backfilled), the broker gets
 * every venue id after the old owner's last once, in order, without a gap notice.
 */
@Timeout(10)
class HotTakeoverBoundaryTest {

    private static final String SYMBOL = "SOL-USDT";

    private final List<MarketEvent> published = new ArrayList<>();
    private final StandbyGate gate = new StandbyGate(new StandbyConfig(true, 100_000, 60_000), new StandbyCounters());
    private final VenueProcessor processor = VenueProcessor.driven(Venue.OKX, new ProcessorConfig(65_536,
            Set.of(Interval.M1), BookSyncConfig.defaults()), gate, Venues.adapter(Venue.OKX)::bookSync, null, null);

    @Test
    void aStandbyAheadOfTheOldOwnerSuppliesEveryIdAfterItsLast() {
        processor.offer(new FeedItem.Own(1, List.of(SYMBOL)));
        trades(1, 680, 700);
        processor.runPending(1_000);
        takeOver(690);
        trades(1, 701, 710);
        processor.runPending(1_001);

        assertThat(ids()).containsExactlyElementsOf(range(691, 710));
        assertThat(published).noneMatch(TradeGap.class::isInstance);
    }

    @Test
    void aLaggingStandbyPublishesFromTheIdAfterTheOldOwnersLast() {
        processor.offer(new FeedItem.Own(1, List.of(SYMBOL)));
        trades(1, 680, 685);
        processor.runPending(1_000);
        takeOver(690);
        trades(1, 686, 700);
        processor.runPending(1_001);

        assertThat(ids()).containsExactlyElementsOf(range(691, 700));
        assertThat(published).noneMatch(TradeGap.class::isInstance);
    }

    @Test
    void tradesQueuedBehindTheTakeoverTaskGoLiveAfterTheCatchup() {
        processor.offer(new FeedItem.Own(1, List.of(SYMBOL)));
        trades(1, 680, 689);
        takeOver(690); // queued behind 680..689, ahead of 690..700: nothing processed yet
        trades(1, 690, 700);
        processor.runPending(1_000);

        assertThat(ids()).containsExactlyElementsOf(range(691, 700));
        assertThat(published).noneMatch(TradeGap.class::isInstance);
    }

    @Test
    void aMakeBeforeBreakHandoffAcrossTheTakeoverLosesNothing() {
        processor.offer(new FeedItem.Own(1, List.of(SYMBOL)));
        trades(1, 680, 689);
        processor.offer(new FeedItem.Candidate(2, List.of(SYMBOL)));
        trades(2, 686, 695); // held until the handoff
        processor.runPending(1_000);
        takeOver(688);
        trades(1, 690, 692); // the old socket's last frames
        processor.offer(new FeedItem.Handoff(1, 2, List.of(SYMBOL)));
        trades(2, 696, 700);
        trades(1, 693, 694); // leftovers of the replaced socket
        processor.runPending(1_001);

        assertThat(ids()).containsExactlyElementsOf(range(689, 700));
        assertThat(published).noneMatch(TradeGap.class::isInstance);
    }

    @Test
    void aHoleTheStandbyIsStillBackfillingAtTheTakeoverIsFilledInOrder() {
        CompletableFuture<List<Trade>> page = new CompletableFuture<>();
        processor.tradeHistory(new OnePageHistory(TradeHistory.Paging.BACKWARD, page));
        processor.offer(new FeedItem.Own(1, List.of(SYMBOL)));
        trades(1, 680, 690);
        trades(1, 693, 695); // the standby's socket missed 691..692: a backfill holds 693..
        processor.runPending(1_000);
        takeOver(690);
        trades(1, 696, 700);
        processor.runPending(1_001);
        assertThat(ids()).as("held behind the standby's own backfill").isEmpty();

        page.complete(List.of(trade(691), trade(692)));
        processor.runPending(1_002);

        assertThat(ids()).containsExactlyElementsOf(range(691, 700));
        assertThat(published).noneMatch(TradeGap.class::isInstance);
    }

    @Test
    void aStandbyWhoseSocketBeganAfterTheOldOwnersLastBackfillsTheIdsBetween() {
        CompletableFuture<List<Trade>> page = new CompletableFuture<>();
        processor.tradeHistory(new OnePageHistory(TradeHistory.Paging.BACKWARD, page));
        processor.offer(new FeedItem.Own(1, List.of(SYMBOL)));
        trades(1, 697, 700); // the standby's first trade is 697: 691..696 went out before its socket delivered
        processor.runPending(1_000);
        takeOver(690);
        trades(1, 701, 705);
        processor.runPending(1_001);
        assertThat(ids()).as("held behind the backfill of 691..696").isEmpty();

        page.complete(LongStream.rangeClosed(691, 696).mapToObj(HotTakeoverBoundaryTest::trade).toList());
        processor.runPending(1_002);

        assertThat(ids()).containsExactlyElementsOf(range(691, 705));
        assertThat(published).noneMatch(TradeGap.class::isInstance);
        assertThat(gate.supplied()).isEqualTo(4);
        Kline candle = (Kline) published.stream().filter(Kline.class::isInstance).reduce((a, b) -> b).orElseThrow();
        assertThat(List.of(candle.open(), candle.close())).as("the earliest and latest trade's, not by arrival")
                .containsExactly(trade(691).price(), trade(705).price());
        assertThat(candle.trades()).isEqualTo(15);
    }

    @Test
    void withoutTradeHistoryTheIdsTheStandbyNeverReceivedAreAnnouncedAsSuch() {
        processor.offer(new FeedItem.Own(1, List.of(SYMBOL)));
        trades(1, 697, 700);
        processor.runPending(1_000);
        takeOver(690);
        trades(1, 701, 702);
        processor.runPending(1_001);

        List<TradeGap> gaps = published.stream().filter(TradeGap.class::isInstance).map(TradeGap.class::cast).toList();
        assertThat(gaps).singleElement().satisfies(g -> {
            assertThat(List.of(g.fromId(), g.toId())).containsExactly("691", "696");
            assertThat(g.reason()).isEqualTo(GapReason.NO_HISTORY);
        });
        assertThat(published.indexOf(gaps.get(0))).isLessThan(published.indexOf(trade(697)));
        assertThat(ids()).containsExactlyElementsOf(range(697, 702));
    }

    /** The takeover as {@code ShardedFeeds.gained} queues it, the broker's last trade being {@code lastId}. */
    private void takeOver(long lastId) {
        Trade last = trade(lastId);
        Map<Topic, MarketEvent> resume = Map.of(last.topic(), last);
        processor.execute(() -> {
            processor.resumeTradesNow(resume);
            for (Unreceived u : gate.takeOver(resume, processor.bookSnapshots(), published::add)) {
                processor.refill(u.topic(), u.afterId(), u.afterTime(), u.trades());
            }
        });
    }

    private void trades(long session, long from, long to) {
        for (long id = from; id <= to; id++) {
            assertThat(processor.offer(new FeedItem.Event(session, trade(id)))).isTrue();
        }
    }

    private List<Long> ids() {
        return published.stream().filter(Trade.class::isInstance)
                .map(e -> Long.parseLong(((Trade) e).tradeId())).toList();
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    private static Trade trade(long id) {
        return new Trade("okx", SYMBOL, Long.toString(id), Decimal.parse("150." + id), Decimal.parse("2"), Side.BUY,
                1_700_000_000_000L + id, false, 1);
    }
}
