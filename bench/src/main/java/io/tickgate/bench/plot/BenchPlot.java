package io.tickgate.bench.plot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Reads load-generator reports ({@code bench --json} output: one JSON object per line, any number of files) and
 * writes one PNG with two charts side by side: delivered messages/s and latency (p50, p99) against established
 * connections, one series per publish rate ({@code server.ratePerSecond}; reports without it are skipped, with a
 * note on stderr). Runs headless.
 */
public final class BenchPlot {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One point: a run's connections, throughput and latency. */
    record Point(double connections, double messagesPerSecond, double p50Millis, double p99Millis) {
    }

    private BenchPlot() {
    }

    /**
     * Reads every report in {@code inputs} and writes the PNG.
     *
     * @return the number of runs plotted
     * @throws IllegalArgumentException when an input is not a report or there is nothing to plot
     */
    public static int plot(List<Path> inputs, Path png) throws IOException {
        Map<String, List<Point>> series = read(inputs);
        int runs = series.values().stream().mapToInt(List::size).sum();
        if (runs == 0) {
            throw new IllegalArgumentException("no reports in " + inputs);
        }
        System.setProperty("java.awt.headless", "true");
        XYChart throughput = chart("Delivered messages/s vs connections", "delivered messages/s");
        XYChart latency = chart("Latency (publish -> client) vs connections", "latency, ms (log)");
        latency.getStyler().setYAxisLogarithmic(true);
        for (Map.Entry<String, List<Point>> e : series.entrySet()) {
            List<Point> pts = e.getValue();
            pts.sort(Comparator.comparingDouble(Point::connections));
            List<Double> x = pts.stream().map(Point::connections).toList();
            throughput.addSeries(e.getKey(), x, pts.stream().map(Point::messagesPerSecond).toList())
                    .setMarker(SeriesMarkers.CIRCLE);
            XYSeries p99 = latency.addSeries(e.getKey() + " p99", x,
                    pts.stream().map(p -> Math.max(p.p99Millis(), 0.001)).toList());
            p99.setMarker(SeriesMarkers.CIRCLE);
            XYSeries p50 = latency.addSeries(e.getKey() + " p50", x,
                    pts.stream().map(p -> Math.max(p.p50Millis(), 0.001)).toList());
            p50.setMarker(SeriesMarkers.DIAMOND);
            p50.setLineColor(p99.getLineColor());
            p50.setMarkerColor(p99.getMarkerColor());
        }
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        BitmapEncoder.saveBitmap(List.of(throughput, latency), 1, 2, png.toString(),
                BitmapEncoder.BitmapFormat.PNG);
        return runs;
    }

    private static XYChart chart(String title, String yTitle) {
        XYChart c = new XYChartBuilder().width(760).height(520).title(title).xAxisTitle("connections (log)")
                .yAxisTitle(yTitle).build();
        c.getStyler().setXAxisLogarithmic(true);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        c.getStyler().setMarkerSize(8);
        c.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        return c;
    }

    /** Reports grouped by publish rate ("1,000 ev/s"), in rate order. */
    static Map<String, List<Point>> read(List<Path> inputs) throws IOException {
        Map<Double, List<Point>> byRate = new TreeMap<>();
        for (Path in : inputs) {
            int lineNo = 0;
            for (String line : Files.readAllLines(in)) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode r;
                try {
                    r = JSON.readTree(line);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalArgumentException(in + ":" + lineNo + ": not JSON: " + e.getOriginalMessage());
                }
                if (!r.has("connections") || !r.has("delivery") || !r.has("latency")) {
                    throw new IllegalArgumentException(in + ":" + lineNo + ": not a bench report");
                }
                double rate = r.path("server").path("ratePerSecond").asDouble(-1);
                if (rate < 0) {
                    System.err.println("bench-plot: " + in + ":" + lineNo + ": no publish rate in the report "
                            + "(the server did not answer); not plotted");
                    continue;
                }
                byRate.computeIfAbsent(rate, k -> new ArrayList<>()).add(new Point(
                        r.path("connections").path("established").asDouble(),
                        r.path("delivery").path("messagesPerSecond").asDouble(),
                        r.path("latency").path("p50").asDouble() / 1_000,
                        r.path("latency").path("p99").asDouble() / 1_000));
            }
        }
        Map<String, List<Point>> out = new java.util.LinkedHashMap<>();
        byRate.forEach((rate, pts) -> out.put(String.format(Locale.ROOT, "%,.0f ev/s", rate), pts));
        return out;
    }
}
