package io.tickgate.processing.kline;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.Kline;
import io.tickgate.model.event.Side;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Interval;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KlineAggregatorTest {

    @Test
    void buildsCandlesAndClosesThemOnTheNextInterval() {
        KlineAggregator agg = new KlineAggregator("sim", "AAPL", Set.of(Interval.S1));
        agg.onTrade(trade("10.0", "1", 1_000));
        agg.onTrade(trade("12.5", "2", 1_200));
        List<Kline> k = agg.onTrade(trade("9.5", "0.5", 1_900));
        Kline open = k.get(0);
        assertThat(open.closed()).isFalse();
        assertThat(open.open().toString()).isEqualTo("10.0");
        assertThat(open.high().toString()).isEqualTo("12.5");
        assertThat(open.low().toString()).isEqualTo("9.5");
        assertThat(open.close().toString()).isEqualTo("9.5");
        assertThat(open.volume()).isEqualTo(Decimal.parse("3.5"));
        assertThat(open.trades()).isEqualTo(3);

        List<Kline> next = agg.onTrade(trade("11", "1", 2_100));
        assertThat(next).hasSize(2);
        assertThat(next.get(0).closed()).isTrue();
        assertThat(next.get(0).openTime()).isEqualTo(1_000);
        assertThat(next.get(1).openTime()).isEqualTo(2_000);
        assertThat(next.get(1).trades()).isEqualTo(1);
    }

    @Test
    void aRecoveredOlderTradeCountsButTheOpenAndCloseStayThoseOfTheEarliestAndLatestTrade() {
        KlineAggregator agg = new KlineAggregator("sim", "AAPL", Set.of(Interval.S1));
        agg.onTrade(trade("10", "1", 1_300));
        agg.onTrade(trade("11", "1", 1_500)); // then a backfill brings what came before them
        Kline k = agg.onTrade(trade("15", "2", 1_400), true).get(0);
        assertThat(List.of(k.open(), k.high(), k.low(), k.close())).extracting(Decimal::toString)
                .containsExactly("10", "15", "10", "11");
        assertThat(k.volume()).isEqualTo(Decimal.parse("4"));
        assertThat(k.trades()).isEqualTo(3);

        k = agg.onTrade(trade("8", "1", 1_100), true).get(0);
        assertThat(List.of(k.open(), k.low(), k.close())).extracting(Decimal::toString)
                .containsExactly("8", "8", "11");
    }

    @Test
    void inTheSameMillisecondTheIdsOrderTheTrades() {
        KlineAggregator agg = new KlineAggregator("sim", "AAPL", Set.of(Interval.S1));
        agg.onTrade(new Trade("sim", "AAPL", "7", Decimal.parse("10"), Decimal.parse("1"), Side.BUY, 1_500));
        Kline k = agg.onTrade(new Trade("sim", "AAPL", "6", Decimal.parse("9"), Decimal.parse("1"), Side.BUY,
                1_500), true).get(0);
        assertThat(List.of(k.open(), k.close())).extracting(Decimal::toString).containsExactly("9", "10");
    }

    @Test
    void lateTradesAreCountedNotApplied() {
        KlineAggregator agg = new KlineAggregator("sim", "AAPL", Set.of(Interval.S1));
        agg.onTrade(trade("10", "1", 5_000));
        assertThat(agg.onTrade(trade("99", "1", 4_999))).isEmpty();
        assertThat(agg.lateTrades()).isEqualTo(1);
        assertThat(agg.openCandle(Interval.S1, 5_500).high().toString()).isEqualTo("10");
    }

    @Test
    void timerClosesEndedCandles() {
        KlineAggregator agg = new KlineAggregator("sim", "AAPL", Set.of(Interval.S1, Interval.M1));
        agg.onTrade(trade("10", "1", 5_000));
        assertThat(agg.onTime(5_999)).isEmpty();
        List<Kline> closed = agg.onTime(6_000);
        assertThat(closed).hasSize(1);
        assertThat(closed.get(0).interval()).isEqualTo(Interval.S1);
        assertThat(closed.get(0).closed()).isTrue();
    }

    private static Trade trade(String px, String qty, long ts) {
        return new Trade("sim", "AAPL", Long.toString(ts), Decimal.parse(px), Decimal.parse(qty), Side.BUY, ts);
    }

    @Test
    void aTradeForACandleClosedByTimeIsLateAndNeverReopensIt() {
        KlineAggregator agg = new KlineAggregator("binance", "BTCUSDT", Set.of(Interval.S1));
        agg.onTrade(trade("10", "1", 1_100));
        assertThat(agg.onTime(2_000)).singleElement().satisfies(k -> assertThat(k.closed()).isTrue());
        assertThat(agg.onTrade(trade("11", "1", 1_900))).as("stamped in the closed second").isEmpty();
        assertThat(agg.lateTrades()).isEqualTo(1);
        assertThat(agg.onTrade(trade("12", "1", 2_100))).singleElement()
                .satisfies(k -> assertThat(k.openTime()).isEqualTo(2_000));
    }

    @Test
    void aQuietCandleWaitsItsGraceSoATradeArrivingJustAfterItsEndStillCounts() {
        KlineAggregator agg = new KlineAggregator("binance", "BTCUSDT", Set.of(Interval.S1), 500);
        agg.onTrade(trade("10", "1", 1_100));
        assertThat(agg.onTime(2_250)).isEmpty();
        agg.onTrade(trade("12", "1", 1_950)); // stamped 1.95 s, arrived after 2.25 s
        List<Kline> closed = agg.onTime(2_500);
        assertThat(closed).singleElement().satisfies(k -> {
            assertThat(k.trades()).isEqualTo(2);
            assertThat(k.close().toString()).isEqualTo("12");
        });
        assertThat(agg.lateTrades()).isZero();
    }

    @Test
    void recoveredTradesAmendTheCandleTheClockClosedDuringTheVacancyAndCloseItAgain() {
        KlineAggregator agg = new KlineAggregator("binance", "BTCUSDT", Set.of(Interval.S1));
        agg.onTrade(trade("10", "1", 1_100));
        agg.onTime(2_000); // the upstream went silent: closed with one trade
        assertThat(agg.onTrade(trade("9", "2", 1_500), true)).as("amending: not published open").isEmpty();
        List<Kline> out = agg.onTrade(trade("11", "1", 2_200), true);
        assertThat(out).hasSize(2);
        assertThat(out.get(0)).satisfies(k -> {
            assertThat(k.openTime()).isEqualTo(1_000);
            assertThat(k.closed()).isTrue();
            assertThat(k.trades()).isEqualTo(2);
            assertThat(k.low().toString()).isEqualTo("9");
            assertThat(k.volume().toString()).isEqualTo("3");
        });
        assertThat(out.get(1)).satisfies(k -> assertThat(k.openTime()).isEqualTo(2_000));
        assertThat(agg.onTrade(trade("8", "1", 1_700), true)).as("a later candle is open: too late").isEmpty();
        assertThat(agg.lateTrades()).isEqualTo(1);
    }
}
