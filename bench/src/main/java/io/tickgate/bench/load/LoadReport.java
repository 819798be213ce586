package io.tickgate.bench.load;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The result of one load-generator run: {@link #toTable()} for people, {@link #toJson()} (one JSON object, field
 * names stable) for scripts and the plot tool. Latencies are in microseconds. Sections that could not be measured
 * ({@code server} and {@code memory} against a gateway without the bench routes, {@code expectedMessagesPerSecond}
 * without the server's load, {@code serverCpu} without the server's pid) are null and left out of the JSON.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoadReport(Setup setup, Connections connections, Delivery delivery, Latency latency,
                         Latency latencyFromTs, Map<String, Long> errors, Map<String, Long> closeCodes,
                         List<String> errorSamples, Server server, Memory memory, ServerCpu serverCpu) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    /**
     * What was run. {@code loadAverage}: the machine's 1-minute load average ({@code /proc/loadavg}) at the start
     * and at the end of the measurement, -1 where unreadable: the machine is shared, so this says how contended
     * the run was.
     */
    public record Setup(String url, List<String> topics, int sourceAddresses, int threads, double warmupSeconds,
                        double durationSeconds, List<Double> loadAverage) {
    }

    /** Connect phase. {@code disconnects}: established connections that closed before the generator closed them. */
    public record Connections(int target, int established, int connectFailures, int handshakeFailures,
                              double connectSeconds, double connectsPerSecond, int subscribedConnections,
                              long subscriptions, long snapshots, int disconnects) {
    }

    /** Data messages received during the measurement. */
    public record Delivery(long messages, double seconds, double messagesPerSecond, double bytesPerSecond,
                           Double expectedMessagesPerSecond) {
    }

    /**
     * Latency percentiles in microseconds. {@code source}: {@code stamp} (the synthetic source's µs stamp in the
     * trade id) or {@code ts} (the protocol's ingest time, whole milliseconds, so each value is 0 to 1 ms high).
     */
    public record Latency(String source, long count, long p50, long p90, long p99, long p999, long max, double mean) {

        static Latency of(String source, Histogram h) {
            if (h.getTotalCount() == 0) {
                return new Latency(source, 0, 0, 0, 0, 0, 0, 0);
            }
            return new Latency(source, h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(90),
                    h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue(),
                    round(h.getMean()));
        }
    }

    /**
     * The bench server's side during the measurement (deltas, per second where named so); topics and rate are read
     * before connecting, the deltas are -1 when the server did not answer during the run (overloaded).
     */
    public record Server(int topics, double ratePerSecond, double publishedPerSecond, double messagesOutPerSecond,
                         long hubDropped, long hubGaps, long hubWaits, long slowConsumerDisconnects) {
    }

    /** The server process's memory before connecting and with every connection open, subscribed and idle. */
    public record Memory(long connections, long heapBeforeBytes, long heapAfterBytes, long rssBeforeBytes,
                         long rssAfterBytes, long directBeforeBytes, long directAfterBytes,
                         long kernelTcpBeforeBytes, long kernelTcpAfterBytes, long heapPerConnectionBytes,
                         long rssPerConnectionBytes, long kernelTcpPerConnectionBytes) {
    }

    /**
     * The server process's CPU time over the measurement window ({@code /proc/<pid>/stat} of it and its
     * descendants, before and after): seconds in all, per million data messages the generator received, and on
     * average cores busy. -1 where the process could not be read at both ends.
     */
    public record ServerCpu(long pid, int processes, long clockTicksPerSecond, double cpuSeconds,
                            double cpuSecondsPerMillionMessages, double cores) {
    }

    /** One JSON object. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A human-readable table. */
    public String toTable() {
        StringBuilder b = new StringBuilder();
        Connections c = connections;
        row(b, "target", setup.url() + "  " + String.join(",", setup.topics()) + "  (load average "
                + setup.loadAverage() + ")");
        row(b, "connections", c.established() + " / " + c.target() + " established  ("
                + c.connectFailures() + " connect failures, " + c.handshakeFailures() + " handshake failures)");
        row(b, "connect", fmt(c.connectSeconds()) + " s, " + fmt(c.connectsPerSecond()) + " connections/s");
        row(b, "subscribed", c.subscribedConnections() + " connections, " + c.subscriptions() + " subscriptions, "
                + c.snapshots() + " snapshots");
        row(b, "disconnects", Integer.toString(c.disconnects()));
        row(b, "delivered", delivery.messages() + " messages in " + fmt(delivery.seconds()) + " s = "
                + fmt(delivery.messagesPerSecond()) + " msg/s, " + fmt(delivery.bytesPerSecond() / 1e6) + " MB/s"
                + (delivery.expectedMessagesPerSecond() == null ? ""
                : "  (expected " + fmt(delivery.expectedMessagesPerSecond()) + " msg/s)"));
        latencyRow(b, latency);
        if (latencyFromTs != null && !latencyFromTs.source().equals(latency.source())) {
            latencyRow(b, latencyFromTs);
        }
        if (!errors.isEmpty()) {
            row(b, "errors", errors.toString());
        }
        if (!closeCodes.isEmpty()) {
            row(b, "close codes", closeCodes.toString());
        }
        for (String s : errorSamples) {
            row(b, "  e.g.", s);
        }
        if (server != null) {
            row(b, "server", server.topics() + " topics at " + fmt(server.ratePerSecond()) + " events/s; wrote "
                    + fmt(server.messagesOutPerSecond()) + " frames/s; hub dropped " + server.hubDropped()
                    + ", gaps " + server.hubGaps() + ", publisher waits " + server.hubWaits() + ", slow-consumer closes "
                    + server.slowConsumerDisconnects());
        }
        if (serverCpu != null) {
            row(b, "server CPU", fmt2(serverCpu.cpuSeconds()) + " s in the window (" + fmt2(serverCpu.cores())
                    + " cores), " + fmt2(serverCpu.cpuSecondsPerMillionMessages()) + " s per million messages  (pid "
                    + serverCpu.pid() + ", " + serverCpu.processes() + " process(es))");
        }
        if (memory != null) {
            row(b, "memory", "per connection (" + memory.connections() + "): heap "
                    + memory.heapPerConnectionBytes() + " B, RSS " + memory.rssPerConnectionBytes()
                    + " B, kernel TCP " + memory.kernelTcpPerConnectionBytes() + " B");
            row(b, "  heap", mb(memory.heapBeforeBytes()) + " -> " + mb(memory.heapAfterBytes())
                    + " MB (after full GC)");
            row(b, "  RSS", mb(memory.rssBeforeBytes()) + " -> " + mb(memory.rssAfterBytes()) + " MB");
            row(b, "  direct", mb(memory.directBeforeBytes()) + " -> " + mb(memory.directAfterBytes()) + " MB");
        }
        return b.toString();
    }

    private static void latencyRow(StringBuilder b, Latency l) {
        row(b, "latency (" + l.source() + ")", l.count() == 0 ? "no samples"
                : String.format(Locale.ROOT, "p50 %s  p90 %s  p99 %s  p99.9 %s  max %s ms  (mean %s, n=%d)",
                ms(l.p50()), ms(l.p90()), ms(l.p99()), ms(l.p999()), ms(l.max()), ms(l.mean()), l.count()));
    }

    private static void row(StringBuilder b, String name, String value) {
        b.append(String.format(Locale.ROOT, "%-16s %s%n", name, value));
    }

    private static String ms(double micros) {
        return String.format(Locale.ROOT, "%.3f", micros / 1_000);
    }

    private static String mb(long bytes) {
        return bytes < 0 ? "?" : String.format(Locale.ROOT, "%.1f", bytes / 1e6);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%,.1f", v);
    }

    private static String fmt2(double v) {
        return String.format(Locale.ROOT, "%,.2f", v);
    }

    static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
