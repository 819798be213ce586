package io.tickgate.bench.store;

import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.Kline;
import io.tickgate.model.event.Side;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Interval;
import io.tickgate.model.topic.Topic;
import io.tickgate.store.api.HistoryStore;
import org.HdrHistogram.Histogram;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Measures one backend: {@code trades} trades over {@code topics} symbols written in batches of {@code batch}
 * through {@link HistoryStore#write} (the writer's path), then 1m candles, then {@code queries} range queries of
 * 1,000 candles at random places. Rows look like the venues' (prices with cents, 8-decimal quantities, increasing
 * numeric trade ids, several trades per millisecond).
 */
public final class StoreBench {

    /** What one run measured. */
    public record Result(String backend, long trades, double tradesPerSecond, double bytesPerTrade,
                         double queryP50Micros, double queryP99Micros, long queries) {
    }

    private static final long T0 = 1_764_000_000_000L;
    private static final int CANDLES_PER_TOPIC = 20_000;

    private final int topics;
    private final int batch;

    public StoreBench(int topics, int batch) {
        this.topics = topics;
        this.batch = batch;
    }

    /** Runs the three measurements; {@code tradeBytes} is asked for the space the trades take once written. */
    public Result run(HistoryStore store, long trades, int queries, SqlSupplier tradeBytes) throws SQLException {
        double rate = writeTrades(store, trades);
        double bytesPerTrade = (double) tradeBytes.get() / trades;
        writeCandles(store);
        Histogram h = queryCandles(store, queries);
        return new Result(store.backend(), trades, rate, bytesPerTrade, h.getValueAtPercentile(50) / 1_000.0,
                h.getValueAtPercentile(99) / 1_000.0, h.getTotalCount());
    }

    /** A measurement that may fail with the database. */
    @FunctionalInterface
    public interface SqlSupplier {
        long get() throws SQLException;
    }

    /**
     * Builds the trades first (the feed's work, not the store's), then times only their writes, batch after batch,
     * as the writer thread makes them.
     */
    private double writeTrades(HistoryStore store, long trades) throws SQLException {
        List<List<Trade>> batches = tradeBatches(trades);
        long start = System.nanoTime();
        for (List<Trade> rows : batches) {
            store.write(new HistoryStore.Batch(rows, List.of()));
        }
        return trades / ((System.nanoTime() - start) / 1e9);
    }

    private List<List<Trade>> tradeBatches(long trades) {
        SplittableRandom r = new SplittableRandom(7);
        List<List<Trade>> batches = new ArrayList<>();
        List<Trade> rows = new ArrayList<>(batch);
        for (long i = 0; i < trades; i++) {
            int sym = (int) (i % topics);
            long cents = 6_500_000 + r.nextInt(20_000);
            rows.add(new Trade("binance", "SYM" + sym + "USDT", Long.toString(1_000_000_000L + i / topics),
                    Decimal.of(cents, 2), Decimal.parse(String.format("0.%08d", 1 + r.nextInt(99_999_999))),
                    r.nextBoolean() ? Side.BUY : Side.SELL, T0 + i / (4L * topics)));
            if (rows.size() == batch || i == trades - 1) {
                batches.add(rows);
                rows = new ArrayList<>(batch);
            }
        }
        return batches;
    }

    private void writeCandles(HistoryStore store) throws SQLException {
        List<Kline> rows = new ArrayList<>(batch);
        for (int sym = 0; sym < topics; sym++) {
            for (int i = 0; i < CANDLES_PER_TOPIC; i++) {
                long open = T0 + i * 60_000L;
                rows.add(new Kline("binance", "SYM" + sym + "USDT", Interval.M1, open, Decimal.parse("65000.10"),
                        Decimal.parse("65010.00"), Decimal.parse("64990.50"), Decimal.parse("65001.20"),
                        Decimal.parse("12.34567800"), 420, true, open + 60_500));
                if (rows.size() == batch) {
                    store.write(new HistoryStore.Batch(List.of(), rows));
                    rows.clear();
                }
            }
        }
        store.write(new HistoryStore.Batch(List.of(), rows));
    }

    private Histogram queryCandles(HistoryStore store, int queries) throws SQLException {
        SplittableRandom r = new SplittableRandom(11);
        Histogram h = new Histogram(60_000_000_000L, 3);
        for (int q = -queries / 10; q < queries; q++) { // the first tenth warms up, unrecorded
            Topic t = Topic.parse("binance.SYM" + r.nextInt(topics) + "USDT.kline.1m");
            long from = T0 + r.nextInt(CANDLES_PER_TOPIC - 1_000) * 60_000L;
            long start = System.nanoTime();
            int n = store.klines(t, from, from + 999 * 60_000L, 1_000).size();
            long took = System.nanoTime() - start;
            if (n != 1_000) {
                throw new IllegalStateException("expected 1000 candles, got " + n);
            }
            if (q >= 0) {
                h.recordValue(took);
            }
        }
        return h;
    }
}
