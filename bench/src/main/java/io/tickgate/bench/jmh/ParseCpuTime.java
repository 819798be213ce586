package io.tickgate.bench.jmh;

import io.tickgate.feed.venues.binance.BinanceFrameDecoder;
import io.tickgate.feed.venues.binance.BinanceSink;
import io.tickgate.feed.venues.okx.OkxBookMessage;
import io.tickgate.feed.venues.okx.OkxFrameDecoder;
import io.tickgate.feed.venues.okx.OkxSink;
import io.tickgate.model.event.BookDelta;
import io.tickgate.model.event.MarketEvent;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A companion to {@link VenueParseBenchmark} for a shared machine: frames per second of <em>thread CPU time</em>
 * ({@link ThreadMXBean#getCurrentThreadCpuTime}) next to frames per wall-clock second, for the same frames. On a
 * loaded machine the benchmark thread is descheduled for part of each second; CPU time leaves that out, so it is
 * the better estimate of what one core does (cache and memory-bandwidth interference from other processes still
 * count). It also reports the median and the best 100 ms window (frames per CPU-second): on a shared virtual
 * machine whose neighbours slow the core down in bursts, the best window is the closest to an unshared core. Not JMH: warm-up is a fixed number of rounds, there is no fork and no blackhole (each event's hash is
 * folded into a sum that is printed). Run:
 * {@code java -cp bench/target/benchmarks.jar io.tickgate.bench.jmh.ParseCpuTime [seconds per case]}.
 */
public final class ParseCpuTime {

    private static final long WINDOW_NANOS = 100_000_000;
    private static long sink;

    private ParseCpuTime() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        BinanceFrameDecoder binance = new BinanceFrameDecoder(() -> 0L);
        OkxFrameDecoder okx = new OkxFrameDecoder();
        BinanceSink bs = new BinanceSink() {
            @Override
            public void onEvent(MarketEvent event) {
                sink += event.hashCode();
            }

            @Override
            public void onDepthUpdate(BookDelta update) {
                sink += update.sequence() + update.bids().size();
            }
        };
        OkxSink os = new OkxSink() {
            @Override
            public void onEvent(MarketEvent event) {
                sink += event.hashCode();
            }

            @Override
            public void onBook(OkxBookMessage book) {
                sink += book.seqId() + book.bids().size();
            }
        };
        String[] capture = ParseFrames.binanceCapture().toArray(new String[0]);
        String[] okxMix = ParseFrames.okxMix(1024).toArray(new String[0]);
        System.out.printf(Locale.ROOT, "load average before: %.2f%n", loadAverage());
        System.out.printf(Locale.ROOT, "%-28s %14s %14s %8s %14s %14s%n", "frames", "frames/cpu-s", "frames/wall-s",
                "cpu %", "median 100ms", "best 100ms");
        run("binanceDepthUpdate (3 lvl)", mx, seconds, List.of(ParseFrames.BINANCE_DEPTH), f -> binance.decode(f, bs));
        run("binanceTrade", mx, seconds, List.of(ParseFrames.BINANCE_TRADE), f -> binance.decode(f, bs));
        run("binanceCaptureMix", mx, seconds, List.of(capture), f -> binance.decode(f, bs));
        run("okxBooksUpdate3Levels", mx, seconds, List.of(ParseFrames.OKX_BOOKS_SMALL), f -> okx.decode(f, os));
        run("okxBooksUpdateDoc16Levels", mx, seconds, List.of(ParseFrames.OKX_BOOKS_DOC), f -> okx.decode(f, os));
        run("okxLiveMix", mx, seconds, List.of(okxMix), f -> okx.decode(f, os));
        System.out.printf(Locale.ROOT, "load average after: %.2f (checksum %d)%n", loadAverage(), sink);
    }

    private static void run(String name, ThreadMXBean mx, double seconds, List<String> frames,
                            Consumer<String> decode) {
        String[] f = frames.toArray(new String[0]);
        for (int i = 0; i < 300_000; i++) { // warm-up: well past C2 compilation
            decode.accept(f[i % f.length]);
        }
        long wall0 = System.nanoTime();
        long cpu0 = mx.getCurrentThreadCpuTime();
        long deadline = wall0 + (long) (seconds * 1e9);
        long n = 0;
        int next = 0;
        List<Double> windows = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            long w0 = mx.getCurrentThreadCpuTime();
            long wn = 0;
            long windowEnd = System.nanoTime() + WINDOW_NANOS;
            while (System.nanoTime() < windowEnd) {
                for (int i = 0; i < 2_000; i++) {
                    decode.accept(f[next]);
                    next = next + 1 == f.length ? 0 : next + 1;
                }
                wn += 2_000;
            }
            windows.add(wn * 1e9 / (mx.getCurrentThreadCpuTime() - w0));
            n += wn;
        }
        long cpu = mx.getCurrentThreadCpuTime() - cpu0;
        long wall = System.nanoTime() - wall0;
        Collections.sort(windows);
        double median = windows.get(windows.size() / 2);
        double best = windows.get(windows.size() - 1);
        System.out.printf(Locale.ROOT, "%-28s %,14.0f %,14.0f %7.0f%% %,14.0f %,14.0f%n", name, n * 1e9 / cpu,
                n * 1e9 / wall, 100.0 * cpu / wall, median, best);
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
