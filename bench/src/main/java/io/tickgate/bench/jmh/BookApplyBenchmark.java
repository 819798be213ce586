package io.tickgate.bench.jmh;

import io.tickgate.model.book.OrderBook;
import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.BookDelta;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.PriceLevel;
import io.tickgate.feed.venues.binance.BinanceBookSync;
import io.tickgate.processing.book.BookSyncConfig;
import io.tickgate.processing.book.BookSyncCounters;
import io.tickgate.processing.book.SyncStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Level updates per second applied to a 1,000-level-per-side book (Binance's snapshot depth). Each invocation applies
 * {@value #DELTAS} pre-decoded deltas of {@value #LEVELS_PER_DELTA} levels (10% deletions, prices near the top as in
 * real diff streams), so one reported operation is one level update. {@code orderBookApply} is the bare
 * {@link OrderBook}; {@code binanceSyncApply} is the whole live path after decoding: sequence checks, apply, delta
 * publication and BookTop detection.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BookApplyBenchmark {

    static final int DEPTH = 1000;
    static final int DELTAS = 1024;
    static final int LEVELS_PER_DELTA = 4;
    static final int OPS = DELTAS * LEVELS_PER_DELTA;

    private OrderBook book;
    private BookDelta[] deltas;
    private BinanceBookSync sync;
    private BookDelta[] sequenced;
    private long nextU;
    private Blackhole bh;

    @Setup(Level.Trial)
    public void setup(Blackhole blackhole) {
        bh = blackhole;
        Random r = new Random(42);
        List<PriceLevel> bids = new ArrayList<>();
        List<PriceLevel> asks = new ArrayList<>();
        long mid = 3_500_000; // 0.35000000 with scale 7 ticks
        for (int i = 1; i <= DEPTH; i++) {
            bids.add(new PriceLevel(Decimal.of(mid - i, 7), Decimal.of(1000 + r.nextInt(100_000), 8)));
            asks.add(new PriceLevel(Decimal.of(mid + i, 7), Decimal.of(1000 + r.nextInt(100_000), 8)));
        }
        BookSnapshot snapshot = new BookSnapshot("binance", "NKNUSDT", bids, asks, 1, 0);
        book = new OrderBook("binance", "NKNUSDT");
        book.replace(snapshot);
        deltas = new BookDelta[DELTAS];
        for (int d = 0; d < DELTAS; d++) {
            List<PriceLevel> b = new ArrayList<>();
            List<PriceLevel> a = new ArrayList<>();
            for (int k = 0; k < LEVELS_PER_DELTA; k++) {
                // most activity near the top: |offset| mostly small
                int offset = 1 + (int) Math.min(DEPTH - 1, Math.abs(r.nextGaussian() * 60));
                Decimal size = r.nextInt(10) == 0 ? Decimal.ZERO : Decimal.of(1000 + r.nextInt(100_000), 8);
                if (r.nextBoolean()) {
                    b.add(new PriceLevel(Decimal.of(mid - offset, 7), size));
                } else {
                    a.add(new PriceLevel(Decimal.of(mid + offset, 7), size));
                }
            }
            deltas[d] = new BookDelta("binance", "NKNUSDT", b, a, 2 + d, 2 + d, d);
        }
        sync = new BinanceBookSync(symbol -> CompletableFuture.completedFuture(snapshot), Runnable::run,
                e -> bh.consume(e), new BookSyncCounters(), BookSyncConfig.defaults());
        sync.onDepthUpdate(new BookDelta("binance", "NKNUSDT", List.of(), List.of(), 1, 1, 0)); // stale
        if (sync.onDepthUpdate(new BookDelta("binance", "NKNUSDT", List.of(), List.of(), 2, 2, 0))
                != SyncStatus.SYNCED) {
            throw new IllegalStateException("benchmark book did not sync");
        }
        nextU = 3;
        sequenced = new BookDelta[DELTAS];
    }

    /** Renumbers the deltas so they chain on from the sync's book (outside the measured loop). */
    @Setup(Level.Invocation)
    public void renumber() {
        for (int i = 0; i < DELTAS; i++) {
            BookDelta d = deltas[i];
            sequenced[i] = new BookDelta(d.source(), d.symbol(), d.bids(), d.asks(), nextU, nextU, d.timestamp());
            nextU++;
        }
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public void orderBookApply() {
        for (BookDelta d : deltas) {
            book.apply(d);
        }
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public void binanceSyncApply() {
        for (BookDelta d : sequenced) {
            if (sync.onDepthUpdate(d) != SyncStatus.APPLIED) {
                throw new IllegalStateException("not applied");
            }
        }
    }
}
