package io.tickgate.processing.kline;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.Kline;
import io.tickgate.model.event.Side;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Interval;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A candle open at a restart continues with what the earlier run saw of it (backfill on start). */
@Timeout(10)
class KlineAggregatorSeedTest {

    private static final long MINUTE = 120_000; // the third minute: 120,000 .. 179,999

    @Test
    void anEarlierPartOpensTheCandleAndCountsInItsHighLowAndVolume() {
        KlineAggregator agg = new KlineAggregator("sim", "AAPL", Set.of(Interval.M1));
        Kline seeded = agg.seed(earlier(MINUTE, "10", "15", "8", "12", "3", 7), 150_000);
        assertThat(seeded.open().toString()).isEqualTo("10");
        assertThat(seeded.trades()).isEqualTo(7);

        Kline k = agg.onTrade(trade("11", "1", 151_000)).get(0);
        assertThat(k.openTime()).isEqualTo(MINUTE);
        assertThat(k.open().toString()).isEqualTo("10");
        assertThat(k.high().toString()).isEqualTo("15");
        assertThat(k.low().toString()).isEqualTo("8");
        assertThat(k.close().toString()).isEqualTo("11");
        assertThat(k.volume()).isEqualTo(Decimal.parse("4"));
        assertThat(k.trades()).isEqualTo(8);
    }

    @Test
    void arrivingAfterThisRunsTradesItIsMergedUnderThem() {
        KlineAggregator agg = new KlineAggregator("sim", "AAPL", Set.of(Interval.M1));
        agg.onTrade(trade("20", "2", 151_000));
        agg.onTrade(trade("9", "1", 152_000));
        Kline k = agg.seed(earlier(MINUTE, "10", "15", "8.5", "12", "3", 7), 153_000);
        assertThat(k.open().toString()).isEqualTo("10");
        assertThat(k.high().toString()).isEqualTo("20");
        assertThat(k.low().toString()).isEqualTo("8.5");
        assertThat(k.close().toString()).as("this run's last price").isEqualTo("9");
        assertThat(k.volume()).isEqualTo(Decimal.parse("6"));
        assertThat(k.trades()).isEqualTo(9);
        assertThat(agg.openCandle(Interval.M1, 153_000)).isEqualTo(k);
    }

    @Test
    void anOutdatedPartIsIgnored() {
        KlineAggregator agg = new KlineAggregator("sim", "AAPL", Set.of(Interval.M1));
        agg.onTrade(trade("20", "2", 181_000)); // the next minute is open here already
        assertThat(agg.seed(earlier(MINUTE, "10", "15", "8", "12", "3", 7), 181_500)).isNull();
        assertThat(agg.openCandle(Interval.M1, 181_500).trades()).isEqualTo(1);

        KlineAggregator closed = new KlineAggregator("sim", "AAPL", Set.of(Interval.M1));
        closed.onTrade(trade("20", "2", 121_000));
        closed.onTime(200_000); // minute 2 published as closed
        assertThat(closed.seed(earlier(MINUTE, "10", "15", "8", "12", "3", 7), 200_000)).isNull();
        assertThat(closed.seed(earlier(MINUTE, "10", "15", "8", "12", "3", 0), 200_000)).isNull();
        assertThat(new KlineAggregator("sim", "AAPL", Set.of(Interval.S1))
                .seed(earlier(MINUTE, "10", "15", "8", "12", "3", 7), 150_000)).as("interval not built").isNull();
    }

    private static Kline earlier(long openTime, String o, String h, String l, String c, String v, long trades) {
        return new Kline("sim", "AAPL", Interval.M1, openTime, Decimal.parse(o), Decimal.parse(h), Decimal.parse(l),
                Decimal.parse(c), Decimal.parse(v), trades, false, openTime + 1);
    }

    private static Trade trade(String price, String qty, long ts) {
        return new Trade("sim", "AAPL", Long.toString(ts), Decimal.parse(price), Decimal.parse(qty), Side.BUY, ts);
    }
}
