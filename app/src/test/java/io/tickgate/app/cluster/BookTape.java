package io.tickgate.app.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickgate.client.TopicListener;
import io.tickgate.client.TopicMessage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One client's book on one book topic, kept the way docs/protocol.md tells a client to: a {@code snapshot} replaces
 * it, a {@code data} delta (only at the previous seq + 1) changes the levels it names (qty 0 removes one). Keeps the
 * book as it stood at each of the last {@value #KEPT} seqs, every snapshot's seq and arrival time, and the problems
 * (a delta out of seq).
 */
final class BookTape implements TopicListener {

    static final int KEPT = 2_000;

    /** A snapshot: its seq and {@link System#nanoTime()} at arrival. */
    record Snap(long seq, long received) {
    }

    private final TreeMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Comparator.reverseOrder());
    private final TreeMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
    private final Map<Long, String> states = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, String> eldest) {
            return size() > KEPT;
        }
    };
    private final List<Snap> snapshots = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private long seq = -1;
    private long firstAfter = Long.MAX_VALUE;
    private long firstAfterSeq = -1;
    private long watchFrom = Long.MAX_VALUE;

    @Override
    public synchronized void onMessage(TopicMessage m) {
        if (m.isSnapshot()) {
            if (seq != -1 && m.seq() <= seq) {
                problems.add("snapshot at seq " + m.seq() + " after seq " + seq);
            }
            bids.clear();
            asks.clear();
            snapshots.add(new Snap(m.seq(), System.nanoTime()));
        } else if (seq == -1 || m.seq() != seq + 1) {
            problems.add("delta at seq " + m.seq() + " after seq " + seq);
        }
        apply(m.data().path("bids"), bids);
        apply(m.data().path("asks"), asks);
        seq = m.seq();
        states.put(seq, render(bids, asks));
        if (seq > watchFrom && firstAfterSeq == -1) {
            firstAfter = System.nanoTime();
            firstAfterSeq = seq;
        }
    }

    private static void apply(JsonNode levels, TreeMap<BigDecimal, BigDecimal> side) {
        for (JsonNode l : levels) {
            BigDecimal price = new BigDecimal(l.get(0).asText());
            BigDecimal qty = new BigDecimal(l.get(1).asText());
            if (qty.signum() == 0) {
                side.remove(price);
            } else {
                side.put(price, qty);
            }
        }
    }

    /** A book as text, levels best first, numbers without trailing zeros: equal books render equal. */
    static String render(TreeMap<BigDecimal, BigDecimal> bids, TreeMap<BigDecimal, BigDecimal> asks) {
        StringBuilder b = new StringBuilder("bids");
        bids.forEach((p, q) -> b.append(' ').append(p.stripTrailingZeros().toPlainString()).append('x')
                .append(q.stripTrailingZeros().toPlainString()));
        b.append(" asks");
        asks.forEach((p, q) -> b.append(' ').append(p.stripTrailingZeros().toPlainString()).append('x')
                .append(q.stripTrailingZeros().toPlainString()));
        return b.toString();
    }

    /** The rendering of a full book in a snapshot's {@code data}. */
    static String render(JsonNode book) {
        TreeMap<BigDecimal, BigDecimal> b = new TreeMap<>(Comparator.reverseOrder());
        TreeMap<BigDecimal, BigDecimal> a = new TreeMap<>();
        apply(book.path("bids"), b);
        apply(book.path("asks"), a);
        return render(b, a);
    }

    /** From now on, note the first message with a seq above {@code seq} (the new owner's first, after a kill). */
    synchronized void watchAfter(long seq) {
        watchFrom = seq;
    }

    /** {@link System#nanoTime()} of the first message above the watched seq, or {@link Long#MAX_VALUE}. */
    synchronized long firstAfter() {
        return firstAfter;
    }

    /** The seq of the first message above the watched seq, -1 before one came. */
    synchronized long firstAfterSeq() {
        return firstAfterSeq;
    }

    /** The book at {@code seq}, null if it is not kept (older, or skipped by a conflated snapshot). */
    synchronized String at(long seq) {
        return states.get(seq);
    }

    synchronized long seq() {
        return seq;
    }

    synchronized List<Snap> snapshots() {
        return List.copyOf(snapshots);
    }

    synchronized List<String> problems() {
        return List.copyOf(problems);
    }
}
