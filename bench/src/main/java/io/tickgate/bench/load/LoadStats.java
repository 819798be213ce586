package io.tickgate.bench.load;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * What the load generator counts, shared by every connection. Counters are thread-safe; latencies go to one
 * {@link SingleWriterRecorder} per event-loop thread ({@link #local()}), merged when read, so recording never
 * contends.
 */
final class LoadStats {

    /** One event-loop thread's latency recorders (microseconds). */
    static final class ThreadRecorders {
        final SingleWriterRecorder stamp = new SingleWriterRecorder(3);
        final SingleWriterRecorder ts = new SingleWriterRecorder(3);
        final FrameScanner scanner;

        ThreadRecorders(boolean stamps) {
            scanner = new FrameScanner(stamps);
        }
    }

    private static final int MAX_SAMPLES = 5;

    final AtomicInteger connectFailures = new AtomicInteger();
    final AtomicInteger handshakeFailures = new AtomicInteger();
    final AtomicInteger established = new AtomicInteger();
    final AtomicInteger subscribedConnections = new AtomicInteger();
    final LongAdder subscriptions = new LongAdder();
    final LongAdder snapshots = new LongAdder();
    final AtomicInteger disconnects = new AtomicInteger();
    final LongAdder messages = new LongAdder();
    final LongAdder bytes = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> closeCodes = new ConcurrentHashMap<>();
    private final Set<String> errorSamples = ConcurrentHashMap.newKeySet();
    private final Map<Thread, ThreadRecorders> recorders = new ConcurrentHashMap<>();
    private final boolean stamps;
    private volatile boolean stopping;

    /** @param stamps whether the frame scanners look for the synthetic source's stamps */
    LoadStats(boolean stamps) {
        this.stamps = stamps;
    }

    /** The calling thread's recorders (cache the result: a connection stays on one thread). */
    ThreadRecorders local() {
        return recorders.computeIfAbsent(Thread.currentThread(), t -> new ThreadRecorders(stamps));
    }

    /** An {@code error} message from the server, by code. */
    void error(String code) {
        errors.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    /** A close frame from the server, by close code. */
    void closeCode(int code) {
        closeCodes.computeIfAbsent(Integer.toString(code), c -> new LongAdder()).increment();
    }

    /** Keeps the first few distinct failure descriptions, for the report. */
    void sample(String what) {
        if (errorSamples.size() < MAX_SAMPLES) {
            errorSamples.add(what);
        }
    }

    /** From now on a closed connection is the generator's doing, not a disconnect. */
    void stopping() {
        stopping = true;
    }

    boolean isStopping() {
        return stopping;
    }

    Map<String, Long> errors() {
        return snapshot(errors);
    }

    Map<String, Long> closeCodes() {
        return snapshot(closeCodes);
    }

    Set<String> errorSamples() {
        return Set.copyOf(errorSamples);
    }

    /** Discards what was recorded so far (end of warm-up). */
    void resetLatency() {
        stampLatency();
        tsLatency();
    }

    /** Stamp latencies recorded since the last call, merged over threads. */
    Histogram stampLatency() {
        Histogram h = new Histogram(3);
        for (ThreadRecorders r : recorders.values()) {
            h.add(r.stamp.getIntervalHistogram());
        }
        return h;
    }

    /** {@code ts} latencies recorded since the last call, merged over threads. */
    Histogram tsLatency() {
        Histogram h = new Histogram(3);
        for (ThreadRecorders r : recorders.values()) {
            h.add(r.ts.getIntervalHistogram());
        }
        return h;
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> m) {
        Map<String, Long> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
