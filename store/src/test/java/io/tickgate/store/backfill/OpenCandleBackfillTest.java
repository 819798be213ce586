package io.tickgate.store.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.Kline;
import io.tickgate.model.event.Side;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Channel;
import io.tickgate.model.topic.Interval;
import io.tickgate.store.api.HistoryStore;
import io.tickgate.store.embedded.SqliteStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The open candles rebuilt from a real SQLite store as a restart finds it at 10:05:40.5: closed 1m candles of
 * 10:00-10:04, closed 1s candles of 10:05:00-10:05:29 (the 1m candle was open at the stop), and trades.
 */
@Timeout(30)
class OpenCandleBackfillTest {

    private static final long H = Interval.H1.floor(1_764_000_000_000L);
    private static final long NOW = H + 340_500;

    @TempDir
    Path dir;

    @Test
    void everyIntervalsOpenCandleIsRebuiltFromTheLevelBelowAndTrades() throws Exception {
        try (HistoryStore store = SqliteStore.open(dir.resolve("h.db").toString())) {
            store.write(new HistoryStore.Batch(trades(), candles()));
            List<Kline> open = new OpenCandleBackfill(store).openCandles("binance", "BTCUSDT", Channel.TRADE,
                    Set.of(Interval.S1, Interval.M1, Interval.H1), NOW);

            assertThat(open).extracting(Kline::interval).containsExactly(Interval.S1, Interval.M1, Interval.H1);
            assertThat(open).allMatch(k -> !k.closed());
            assertCandle(open.get(0), H + 340_000, "310", "310", "310", "310", "0.1", 1);
            // 1s candles of 10:05:00-29 (their trades not counted twice), then the trades from 10:05:30
            assertCandle(open.get(1), H + 300_000, "200", "310", "195", "310", "16.1", 41);
            assertCandle(open.get(2), H, "100", "310", "90", "310", "21.1", 51);
        }
    }

    @Test
    void nothingStoredGivesNothing() throws Exception {
        try (HistoryStore store = SqliteStore.open(dir.resolve("empty.db").toString())) {
            assertThat(new OpenCandleBackfill(store).openCandles("binance", "BTCUSDT", Channel.TRADE,
                    Set.of(Interval.S1, Interval.M1, Interval.D1), NOW)).isEmpty();
        }
    }

    private static void assertCandle(Kline k, long openTime, String o, String h, String l, String c, String v,
                                     long trades) {
        assertThat(k.openTime()).isEqualTo(openTime);
        assertThat(List.of(k.open(), k.high(), k.low(), k.close(), k.volume()))
                .isEqualTo(List.of(d(o), d(h), d(l), d(c), d(v)));
        assertThat(k.trades()).isEqualTo(trades);
    }

    private static List<Kline> candles() {
        List<Kline> out = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            out.add(closed(Interval.M1, H + i * 60_000L, 100 + i, 110 + i, 90 + i, 101 + i, "1", 2));
        }
        for (int j = 0; j < 30; j++) {
            out.add(closed(Interval.S1, H + 300_000 + j * 1_000L, 200, j == 5 ? 250 : 210, 195, 201, "0.5", 1));
        }
        return out;
    }

    private static List<Trade> trades() {
        List<Trade> out = new ArrayList<>();
        for (int j = 0; j < 30; j++) { // the trades of the stored 1s candles
            out.add(trade(H + 300_000 + j * 1_000L + 1, "205", "0.5"));
        }
        for (int m = 0; m <= 10; m++) {
            out.add(trade(H + 330_000 + m * 1_000L, Integer.toString(300 + m), "0.1"));
        }
        out.add(trade(H + 341_000, "999", "5")); // after the restart: this run's own
        return out;
    }

    private static Kline closed(Interval in, long openTime, int o, int h, int l, int c, String v, long trades) {
        return new Kline("binance", "BTCUSDT", in, openTime, d(o), d(h), d(l), d(c), d(v), trades, true,
                openTime + in.millis());
    }

    private static Trade trade(long ts, String price, String qty) {
        return new Trade("binance", "BTCUSDT", Long.toString(ts), d(price), d(qty), Side.BUY, ts);
    }

    private static Decimal d(int v) {
        return Decimal.of(v, 0);
    }

    private static Decimal d(String v) {
        return Decimal.parse(v);
    }
}
