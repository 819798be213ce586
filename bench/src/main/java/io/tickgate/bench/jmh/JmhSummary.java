package io.tickgate.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Median and best iteration of each benchmark in a JMH JSON result ({@code -rf json -rff FILE}), with the
 * allocation per operation when {@code -prof gc} ran. On a shared machine the same code swings widely between
 * iterations; the median says what a run typically gets, the best what an unshared core gets. Run:
 * {@code java -cp bench/target/benchmarks.jar io.tickgate.bench.jmh.JmhSummary parse.json}.
 */
public final class JmhSummary {

    private JmhSummary() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: JmhSummary RESULT.json");
            System.exit(2);
        }
        JsonNode root = new ObjectMapper().readTree(new File(args[0]));
        System.out.printf(Locale.ROOT, "%-36s %5s %14s %14s %14s %10s%n", "benchmark", "n", "median", "best", "mean",
                "B/op");
        for (JsonNode b : root) {
            String name = b.path("benchmark").asText();
            name = name.substring(name.lastIndexOf('.') + 1);
            List<Double> raw = new ArrayList<>();
            for (JsonNode fork : b.path("primaryMetric").path("rawData")) {
                for (JsonNode v : fork) {
                    raw.add(v.asDouble());
                }
            }
            if (raw.isEmpty()) {
                continue;
            }
            Collections.sort(raw);
            int n = raw.size();
            double median = n % 2 == 1 ? raw.get(n / 2) : (raw.get(n / 2 - 1) + raw.get(n / 2)) / 2;
            JsonNode alloc = b.path("secondaryMetrics").path("gc.alloc.rate.norm").path("score");
            System.out.printf(Locale.ROOT, "%-36s %5d %,14.0f %,14.0f %,14.0f %10s%n", name, n, median,
                    raw.get(n - 1), b.path("primaryMetric").path("score").asDouble(),
                    alloc.isMissingNode() ? "-" : String.format(Locale.ROOT, "%.0f", alloc.asDouble()));
        }
    }
}
