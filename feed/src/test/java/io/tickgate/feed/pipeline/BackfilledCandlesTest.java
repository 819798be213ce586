package io.tickgate.feed.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickgate.feed.backfill.OnePageHistory;
import io.tickgate.feed.backfill.TradeHistory;
import io.tickgate.feed.venue.Venues;
import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.Kline;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.event.Side;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Interval;
import io.tickgate.model.venue.Venue;
import io.tickgate.processing.book.BookSyncConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Candles built from trades count the backfilled ones: while a hole is fetched, the symbol's candles are not closed
 * on the clock (they would miss the trades still to come); they close with the trades, in order, once it is filled.
 */
@Timeout(10)
class BackfilledCandlesTest {

    private static final long T0 = 1_700_000_000_000L; // a whole second

    @Test
    void aCandleWaitsForItsBackfilledTradesInsteadOfClosingWithoutThem() {
        List<MarketEvent> published = new ArrayList<>();
        CompletableFuture<List<Trade>> page = new CompletableFuture<>();
        VenueProcessor p = VenueProcessor.driven(Venue.BINANCE, new ProcessorConfig(1024, Set.of(Interval.S1),
                BookSyncConfig.defaults()), published::add, Venues.adapter(Venue.BINANCE)::bookSync, null, null);
        p.tradeHistory(history(page));
        p.offer(new FeedItem.Own(1, List.of("BTCUSDT")));
        p.offer(new FeedItem.Event(1, trade(1, T0 + 100)));
        p.offer(new FeedItem.Event(1, trade(4, T0 + 1_500))); // 2 and 3 (in the first second) missed
        p.runPending(T0 + 1_600);
        p.runPending(T0 + 5_000); // long past the first candle's end and grace: still open, 2..3 are coming
        assertThat(klines(published)).isEmpty();

        page.complete(List.of(trade(2, T0 + 300), trade(3, T0 + 900)));
        p.runPending(T0 + 5_001);
        List<Kline> closed = klines(published);
        assertThat(closed).hasSize(1);
        assertThat(closed.get(0).openTime()).isEqualTo(T0);
        assertThat(closed.get(0).trades()).isEqualTo(3);
        assertThat(p.backfillCounters().backfilled()).isEqualTo(2);
    }

    @Test
    void aColdTakeoverClosesTheCandleTheVacancyCutWithTheOldOwnersPartAndTheBackfilledTrades() {
        List<MarketEvent> published = new ArrayList<>();
        VenueProcessor p = VenueProcessor.driven(Venue.BINANCE, new ProcessorConfig(1024, Set.of(Interval.S1),
                BookSyncConfig.defaults()), published::add, Venues.adapter(Venue.BINANCE)::bookSync, null, null);
        p.tradeHistory(history(CompletableFuture.completedFuture(List.of(trade(3, T0 + 600), trade(4, T0 + 900)))));
        // the broker's last events of the shard's topics: trade 2, and the 1s candle open with trades 1..2
        Kline oldOwners = new Kline("binance", "BTCUSDT", Interval.S1, T0, Decimal.parse("90"), Decimal.parse("120"),
                Decimal.parse("90"), Decimal.parse("120"), Decimal.parse("2"), 2, false, T0 + 500);
        p.resume(Map.of(trade(2, T0 + 500).topic(), trade(2, T0 + 500), oldOwners.topic(), oldOwners));
        p.offer(new FeedItem.Own(1, List.of("BTCUSDT")));
        p.offer(new FeedItem.Event(1, trade(5, T0 + 1_200))); // 3 and 4 were sent while the shard was vacant
        p.runPending(T0 + 1_300);

        assertThat(klines(published)).singleElement().satisfies(k -> {
            assertThat(k.openTime()).isEqualTo(T0);
            assertThat(k.trades()).isEqualTo(4);
            assertThat(k.open().toString()).isEqualTo("90");
            assertThat(k.high().toString()).isEqualTo("120");
            assertThat(k.volume().toString()).isEqualTo("4");
            assertThat(k.close().toString()).isEqualTo("100");
        });
    }

    private static TradeHistory history(CompletableFuture<List<Trade>> page) {
        return new OnePageHistory(TradeHistory.Paging.FORWARD, page);
    }

    private static List<Kline> klines(List<MarketEvent> published) {
        List<Kline> out = new ArrayList<>();
        for (MarketEvent e : published) {
            if (e instanceof Kline k && k.closed()) {
                out.add(k);
            }
        }
        return out;
    }

    private static Trade trade(long id, long ts) {
        return new Trade("binance", "BTCUSDT", Long.toString(id), Decimal.parse("100"), Decimal.parse("1"), Side.BUY,
                ts);
    }
}
