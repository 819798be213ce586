package io.tickgate.gateway.testsupport;

import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

/**
 * Checks what normal (fast) clients receive: every {@code data} message of a topic has the previous seq + 1, no live
 * snapshot arrives after the first (a fast client is never conflated), and the latency from the message's {@code ts}
 * to its arrival is recorded. One {@link #client()} per connection (it runs on that client's event loop); the
 * problems, the count and the latency histogram are shared. {@link #newPhase()} starts a fresh histogram.
 */
public final class FeedChecker {

    /** Everything that went wrong, as readable lines. */
    public final Queue<String> problems = new ConcurrentLinkedQueue<>();
    /** Data messages checked. */
    public final AtomicLong received = new AtomicLong();
    private volatile Histogram latency = new SynchronizedHistogram(60_000, 3);

    /** A checker for one client's messages. */
    public Consumer<String> client() {
        Map<String, Long> seqs = new HashMap<>();
        return text -> check(seqs, text);
    }

    /** Starts a new latency histogram and returns the one recorded so far. */
    public Histogram newPhase() {
        Histogram done = latency;
        latency = new SynchronizedHistogram(60_000, 3);
        return done;
    }

    private void check(Map<String, Long> seqs, String text) {
        String type = field(text, "type");
        String topic = field(text, "topic");
        if (topic == null || !("snapshot".equals(type) || "data".equals(type))) {
            return;
        }
        long s = Long.parseLong(field(text, "seq"));
        Long last = seqs.put(topic, s);
        if ("snapshot".equals(type)) {
            if (last != null) {
                problems.add("a normal client got a live snapshot (conflated) on " + topic);
            }
            return;
        }
        if (last == null || s != last + 1) {
            problems.add(topic + ": seq " + s + " after " + last);
        }
        received.incrementAndGet();
        latency.recordValue(Math.max(0, System.currentTimeMillis() - Long.parseLong(field(text, "ts"))));
    }

    /** The value of a top-level string or integer field of a flat JSON message; null when absent. */
    public static String field(String json, String name) {
        String key = "\"" + name + "\":";
        int i = json.indexOf(key);
        if (i < 0) {
            return null;
        }
        int start = i + key.length();
        if (json.charAt(start) == '"') {
            return json.substring(start + 1, json.indexOf('"', start + 1));
        }
        int end = start;
        while (end < json.length() && (Character.isDigit(json.charAt(end)) || json.charAt(end) == '-')) {
            end++;
        }
        return json.substring(start, end);
    }
}
