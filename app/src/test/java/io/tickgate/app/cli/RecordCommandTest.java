package io.tickgate.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickgate.model.venue.Venue;
import io.tickgate.simulator.instrument.Instrument;
import io.tickgate.simulator.venue.VenueSimulator;
import io.tickgate.simulator.venue.VenueSimulatorConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code tickgate record} against the built-in simulator writes a recording directory that {@code tickgate replay}
 * takes as it is: every recorded frame replayed, every book synced from the recorded REST snapshots.
 */
@Timeout(60)
class RecordCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Object command, String... args) {
        CommandLine cmd = new CommandLine(command);
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        return cmd.execute(args);
    }

    @Test
    void recordsTheSimulatedBinanceForADurationAndReplaysTheDirectory(@TempDir Path dir) throws Exception {
        Path rec = dir.resolve("rec");
        JsonNode written;
        try (VenueSimulator sim = VenueSimulator.start(VenueSimulatorConfig.builder().seed(3).symbolsPerSource(2)
                .eventsPerSecond(400).build())) {
            String symbols = sim.symbols(Venue.BINANCE).stream().map(Instrument::symbol)
                    .collect(Collectors.joining(","));
            String base = "127.0.0.1:" + sim.port(Venue.BINANCE);
            int code = run(new RecordCommand(), "--venue", "binance", "--out", rec.toString(), "--duration", "3s",
                    "--set", "binance.url=ws://" + base, "--set", "binance.restUrl=http://" + base,
                    "--set", "binance.symbols=" + symbols);
            assertThat(code).as(err.toString()).isZero();
            written = new ObjectMapper().readTree(out.toString());
        }
        JsonNode binance = written.get("binance");
        assertThat(binance.get("frames").asLong()).isPositive();
        assertThat(binance.get("snapshots").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(binance.get("markers").asLong()).isGreaterThanOrEqualTo(2); // an @own per socket
        assertThat(binance.get("dropped").asLong()).isZero();
        assertThat(written.has("okx")).isFalse();
        assertThat(rec.resolve("binance.frames")).exists();
        assertThat(rec.resolve("binance.rest")).exists();
        assertThat(Files.exists(rec.resolve("okx.frames"))).isFalse();

        out.getBuffer().setLength(0);
        assertThat(run(new ReplayCommand(), "--venue", "binance", rec.toString())).as(err.toString()).isZero();
        JsonNode replay = new ObjectMapper().readTree(out.toString());
        assertThat(replay.get("frames").asLong()).isEqualTo(binance.get("frames").asLong());
        assertThat(replay.get("malformed").asLong()).isZero();
        assertThat(replay.get("books").size()).isEqualTo(2);
        replay.get("books").forEach(b -> assertThat(b.get("synced").asBoolean()).as(b.toString()).isTrue());
        assertThat(replay.get("events").get("trade").asLong()).isPositive();
    }

    @Test
    void badOptionsAreClearErrors(@TempDir Path dir) {
        assertThat(run(new RecordCommand(), "--out", dir.toString(), "--duration", "soon")).isEqualTo(2);
        assertThat(err.toString()).contains("--duration must be like 500ms, 60s, 5m or 2h: soon");
        assertThat(run(new RecordCommand(), "--out", dir.toString(), "--venue", "kraken")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown venue");
        assertThat(RecordCommand.parseDuration("1.5m")).isEqualTo(90_000);
        assertThat(RecordCommand.parseDuration("250ms")).isEqualTo(250);
        assertThat(RecordCommand.parseDuration("2")).isEqualTo(2_000);
    }
}
