package io.tickgate.bench.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchPlotTest {

    @Test
    void groupsRunsByRate(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("r.jsonl");
        Files.writeString(f, String.join("\n",
                run(1000, 1000, 50_000, 900, 4000), "", run(10_000, 1000, 100_000, 1200, 8000),
                run(1000, 5000, 200_000, 2000, 12000)));
        var series = BenchPlot.read(List.of(f));
        assertThat(series).containsOnlyKeys("1,000 ev/s", "5,000 ev/s");
        assertThat(series.get("1,000 ev/s")).hasSize(2);
        assertThat(series.get("5,000 ev/s").get(0).p99Millis()).isEqualTo(12.0);
        Path png = dir.resolve("out/plot.png");
        assertThat(BenchPlot.plot(List.of(f), png)).isEqualTo(3);
        assertThat(Files.size(png)).isPositive();
    }

    @Test
    void rejectsWhatIsNotAReport(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.jsonl");
        Files.writeString(f, "{\"x\":1}\n");
        assertThatThrownBy(() -> BenchPlot.read(List.of(f))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a bench report");
        Files.writeString(f, "nope\n");
        assertThatThrownBy(() -> BenchPlot.read(List.of(f))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not JSON");
        Files.writeString(f, "\n");
        assertThatThrownBy(() -> BenchPlot.plot(List.of(f), dir.resolve("x.png")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String run(int connections, double rate, double mps, long p50, long p99) {
        return "{\"connections\":{\"established\":" + connections + "},\"delivery\":{\"messagesPerSecond\":" + mps
                + "},\"latency\":{\"p50\":" + p50 + ",\"p99\":" + p99 + "},\"server\":{\"ratePerSecond\":" + rate
                + "}}";
    }
}
