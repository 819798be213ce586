package io.tickgate.feed.standby;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.BookDelta;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.GapReason;
import io.tickgate.model.event.Kline;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.event.PriceLevel;
import io.tickgate.model.event.Side;
import io.tickgate.model.event.Trade;
import io.tickgate.model.event.TradeGap;
import io.tickgate.model.topic.Interval;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The gate of a standby shard, driven on the test thread as the processing thread drives it: events are buffered,
 * not published, until the takeover; then exactly the trades past the broker's last id, a gap notice where the
 * buffer's bounds dropped ids the old owner had not published, the newest candles, the books as snapshots (no
 * buffered delta), then every live event except the old owner's trades a lagging standby still receives.
 */
@Timeout(10)
class StandbyGateTest {

    private final StandbyCounters counters = new StandbyCounters();
    private final List<MarketEvent> published = new ArrayList<>();

    @Test
    void publishesOnlyWhatTheOldOwnerHadNotThenGoesLive() {
        StandbyGate gate = new StandbyGate(new StandbyConfig(true, 1000, 60_000), counters);
        for (long id = 100; id <= 110; id++) {
            gate.accept(trade("BTCUSDT", id));
        }
        gate.accept(delta(7));
        gate.accept(kline(0, true));
        gate.accept(kline(60_000, false));
        assertThat(gate.buffered()).isEqualTo(14);

        BookSnapshot book = snapshot(9);
        gate.takeOver(Map.of(trade("BTCUSDT", 105).topic(), trade("BTCUSDT", 105)), List.of(book), published::add);

        assertThat(tradeIds()).containsExactly(106L, 107L, 108L, 109L, 110L);
        assertThat(published).doesNotHaveAnyElementsOfTypes(BookDelta.class, TradeGap.class)
                .contains(book, kline(0, true), kline(60_000, false));
        assertThat(gate.supplied()).isEqualTo(5);
        assertThat(counters.suppliedTotal()).isEqualTo(5);
        assertThat(gate.standing()).isFalse();

        published.clear();
        gate.accept(trade("BTCUSDT", 111));
        gate.accept(delta(10));
        assertThat(published).containsExactly(trade("BTCUSDT", 111), delta(10));
        assertThat(gate.buffered()).isZero();
    }

    @Test
    void everyCandleThatClosedInTheVacancyIsPublishedInOrderBeforeTheOpenOne() {
        StandbyGate gate = new StandbyGate(new StandbyConfig(true, 1000, 60_000), counters);
        for (long t = 0; t <= 240_000; t += 60_000) {
            gate.accept(kline(t, false));
            if (t < 240_000) {
                gate.accept(kline(t, true));
            }
        }
        // the old owner published the 60 s candle open: it, and every later one, closed while the shard was vacant
        gate.takeOver(Map.of(kline(60_000, false).topic(), kline(60_000, false)), List.of(), published::add);

        assertThat(published).containsExactly(kline(60_000, true), kline(120_000, true), kline(180_000, true),
                kline(240_000, false));
    }

    @Test
    void aLaggingStandbyDropsTheOldOwnersTradesAfterTheTakeover() {
        StandbyGate gate = new StandbyGate(new StandbyConfig(true, 1000, 60_000), counters);
        gate.accept(trade("BTCUSDT", 100));
        gate.takeOver(Map.of(trade("BTCUSDT", 103).topic(), trade("BTCUSDT", 103)), List.of(), published::add);
        assertThat(published).isEmpty();
        for (long id = 101; id <= 105; id++) {
            gate.accept(trade("BTCUSDT", id));
        }
        assertThat(tradeIds()).containsExactly(104L, 105L);
    }

    @Test
    void idsTheBoundDroppedAreAnnouncedAsAGap() {
        StandbyGate gate = new StandbyGate(new StandbyConfig(true, 4, 60_000), counters);
        for (long id = 100; id <= 107; id++) {
            gate.accept(trade("BTCUSDT", id));
            gate.accept(trade("ETHUSDT", id));
        }
        for (long id = 108; id <= 110; id++) {
            gate.accept(trade("BTCUSDT", id));
        }
        gate.accept(kline(0, false)); // the buffer keeps BTCUSDT 108..110 and the candle
        assertThat(gate.dropped()).isEqualTo(16);
        assertThat(counters.droppedTotal()).isEqualTo(16);

        gate.takeOver(Map.of(trade("BTCUSDT", 104).topic(), trade("BTCUSDT", 104),
                trade("ETHUSDT", 104).topic(), trade("ETHUSDT", 104)), List.of(), published::add);

        List<TradeGap> gaps = published.stream().filter(TradeGap.class::isInstance).map(TradeGap.class::cast)
                .toList();
        assertThat(gaps).extracting(TradeGap::symbol, TradeGap::fromId, TradeGap::toId, TradeGap::reason)
                .containsExactlyInAnyOrder(tuple("BTCUSDT", "105", "107", GapReason.LIMIT),
                        tuple("ETHUSDT", "105", "107", GapReason.LIMIT));
        TradeGap btc = gaps.stream().filter(g -> g.symbol().equals("BTCUSDT")).findFirst().orElseThrow();
        assertThat(published.indexOf(btc)).isLessThan(published.indexOf(trade("BTCUSDT", 108)));
        assertThat(tradeIds()).containsExactly(108L, 109L, 110L);

        published.clear();
        gate.accept(trade("ETHUSDT", 107));
        gate.accept(trade("ETHUSDT", 108));
        assertThat(tradeIds()).as("the gap's ids are not published again").containsExactly(108L);
    }

    @Test
    void tradesPastIdsTheStandbyNeverReceivedAreHandedBackNotAnnounced() {
        StandbyGate gate = new StandbyGate(new StandbyConfig(true, 1000, 60_000), counters);
        for (long id = 108; id <= 110; id++) {
            gate.accept(trade("BTCUSDT", id)); // the standby's socket began at 108: 105..107 never reached it
        }
        gate.accept(trade("ETHUSDT", 105));
        gate.accept(trade("ETHUSDT", 106));

        List<Unreceived> unreceived = gate.takeOver(Map.of(trade("BTCUSDT", 104).topic(), trade("BTCUSDT", 104),
                trade("ETHUSDT", 104).topic(), trade("ETHUSDT", 104)), List.of(), published::add);

        assertThat(unreceived).singleElement().satisfies(u -> {
            assertThat(u.topic()).isEqualTo(trade("BTCUSDT", 1).topic());
            assertThat(List.of(u.afterId(), u.afterTime())).containsExactly(104L, 1_104L);
            assertThat(u.trades()).containsExactly(trade("BTCUSDT", 108), trade("BTCUSDT", 109),
                    trade("BTCUSDT", 110));
        });
        assertThat(published).noneMatch(TradeGap.class::isInstance);
        assertThat(tradeIds()).containsExactly(105L, 106L);
        assertThat(gate.supplied()).isEqualTo(5);

        published.clear();
        gate.accept(trade("BTCUSDT", 104)); // the old owner's, from a lagging route
        gate.accept(trade("BTCUSDT", 105)); // the backfill's first
        assertThat(tradeIds()).containsExactly(105L);
    }

    @Test
    void onlyTheIdsTheBoundDroppedAreAnnouncedTheRestIsHandedBack() {
        StandbyGate gate = new StandbyGate(new StandbyConfig(true, 4, 60_000), counters);
        for (long id : new long[] {100, 101, 102, 106, 107, 108, 109}) {
            gate.accept(trade("BTCUSDT", id)); // the buffer keeps 106..109, dropped up to 102; 103..105 never came
        }
        List<Unreceived> unreceived = gate.takeOver(Map.of(trade("BTCUSDT", 99).topic(), trade("BTCUSDT", 99)),
                List.of(), published::add);

        assertThat(published).singleElement().isInstanceOfSatisfying(TradeGap.class, g -> assertThat(
                List.of(g.fromId(), g.toId(), g.reason().name())).containsExactly("100", "102", "LIMIT"));
        assertThat(unreceived).singleElement().satisfies(u -> {
            assertThat(u.afterId()).isEqualTo(102);
            assertThat(u.trades()).extracting(Trade::tradeId).containsExactly("106", "107", "108", "109");
        });
    }

    @Test
    void eventsOlderThanTheAgeBoundLeaveTheBuffer() throws Exception {
        StandbyGate gate = new StandbyGate(new StandbyConfig(true, 1000, 1), counters);
        gate.accept(trade("BTCUSDT", 1));
        Thread.sleep(5);
        gate.accept(trade("BTCUSDT", 2));
        assertThat(gate.buffered()).isEqualTo(1);
        assertThat(gate.dropped()).isEqualTo(1);
    }

    private List<Long> tradeIds() {
        return published.stream().filter(Trade.class::isInstance)
                .map(e -> Long.parseLong(((Trade) e).tradeId())).toList();
    }

    private static Trade trade(String symbol, long id) {
        return new Trade("binance", symbol, Long.toString(id), Decimal.parse("1"), Decimal.parse("2"), Side.BUY,
                1_000 + id);
    }

    private static BookDelta delta(long seq) {
        return new BookDelta("binance", "BTCUSDT", List.of(PriceLevel.of("1", "2")), List.of(), seq, seq, seq);
    }

    private static BookSnapshot snapshot(long seq) {
        return new BookSnapshot("binance", "BTCUSDT", List.of(PriceLevel.of("1", "3")), List.of(), seq, seq);
    }

    private static Kline kline(long openTime, boolean closed) {
        Decimal one = Decimal.parse("1");
        return new Kline("binance", "BTCUSDT", Interval.M1, openTime, one, one, one, one, one, 1, closed, openTime);
    }
}
