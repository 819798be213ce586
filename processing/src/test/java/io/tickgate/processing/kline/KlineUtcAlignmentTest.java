package io.tickgate.processing.kline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.Kline;
import io.tickgate.model.event.Side;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Interval;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every interval, 4h and 1d included, starts its candles on UTC boundaries: 00:00, 04:00, ... and midnight UTC. */
class KlineUtcAlignmentTest {

    private static long utc(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    private static Trade trade(String price, long ts) {
        return new Trade("binance", "BTCUSDT", Long.toString(ts), Decimal.parse(price), Decimal.parse("1"), Side.BUY,
                ts);
    }

    @Test
    void fourHourAndDayCandlesOpenAndCloseOnUtcBoundaries() {
        KlineAggregator agg = new KlineAggregator("binance", "BTCUSDT", EnumSet.of(Interval.H4, Interval.D1));
        List<Kline> first = agg.onTrade(trade("100", utc("2024-03-05T03:59:59.999Z")));
        assertThat(first).extracting(Kline::interval, Kline::openTime, Kline::closed).containsExactlyInAnyOrder(
                tuple(Interval.H4, utc("2024-03-05T00:00:00Z"), false),
                tuple(Interval.D1, utc("2024-03-05T00:00:00Z"), false));
        assertThat(first).filteredOn(k -> k.interval() == Interval.H4).singleElement()
                .extracting(Kline::closeTime).isEqualTo(utc("2024-03-05T03:59:59.999Z"));
        assertThat(first).filteredOn(k -> k.interval() == Interval.D1).singleElement()
                .extracting(Kline::closeTime).isEqualTo(utc("2024-03-05T23:59:59.999Z"));

        // 04:00:00.000 UTC: the 4h candle closes and the next opens; the day goes on
        List<Kline> next = agg.onTrade(trade("101", utc("2024-03-05T04:00:00Z")));
        assertThat(next).filteredOn(k -> k.interval() == Interval.H4).extracting(Kline::openTime, Kline::closed)
                .containsExactly(tuple(utc("2024-03-05T00:00:00Z"), true),
                        tuple(utc("2024-03-05T04:00:00Z"), false));
        assertThat(next).filteredOn(k -> k.interval() == Interval.D1).extracting(Kline::openTime, Kline::closed)
                .containsExactly(tuple(utc("2024-03-05T00:00:00Z"), false));

        // midnight UTC closes the day (by the clock, with no trade)
        List<Kline> closed = agg.onTime(utc("2024-03-06T00:00:00Z"));
        assertThat(closed).extracting(Kline::interval, Kline::openTime, Kline::closed).containsExactlyInAnyOrder(
                tuple(Interval.H4, utc("2024-03-05T04:00:00Z"), true),
                tuple(Interval.D1, utc("2024-03-05T00:00:00Z"), true));
    }

    @Test
    void everyIntervalFloorsToAMultipleOfItsLengthSinceTheEpoch() {
        long t = utc("2024-03-05T13:47:21.345Z");
        assertThat(Set.of(Interval.values())).extracting(Interval::label)
                .containsExactlyInAnyOrder("1s", "1m", "5m", "15m", "1h", "4h", "1d");
        assertThat(Interval.S1.floor(t)).isEqualTo(utc("2024-03-05T13:47:21Z"));
        assertThat(Interval.M1.floor(t)).isEqualTo(utc("2024-03-05T13:47:00Z"));
        assertThat(Interval.M5.floor(t)).isEqualTo(utc("2024-03-05T13:45:00Z"));
        assertThat(Interval.M15.floor(t)).isEqualTo(utc("2024-03-05T13:45:00Z"));
        assertThat(Interval.H1.floor(t)).isEqualTo(utc("2024-03-05T13:00:00Z"));
        assertThat(Interval.H4.floor(t)).isEqualTo(utc("2024-03-05T12:00:00Z"));
        assertThat(Interval.D1.floor(t)).isEqualTo(utc("2024-03-05T00:00:00Z"));
    }
}
