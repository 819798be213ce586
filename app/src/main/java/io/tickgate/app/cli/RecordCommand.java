package io.tickgate.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickgate.app.config.TickgateConfig;
import io.tickgate.app.runtime.Assembly;
import io.tickgate.feed.record.Recording;
import io.tickgate.feed.venue.Venues;
import io.tickgate.model.venue.Venue;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tickgate record --out DIR [--venue VENUE]... [--duration 60s]}: runs the feed pools of the configured
 * venues (as {@code tickgate gateway} does, without the gateway) and records their traffic into DIR in the format
 * {@code tickgate replay} reads: per venue every text frame with its receive time and the pool's ownership markers
 * ({@code <venue>.frames}) and every REST depth snapshot ({@code <venue>.rest}). Stops after the duration or on
 * Ctrl-C and prints per venue what was written and dropped (one JSON object). Exit code 0; 2 for bad options; 1 when
 * the files could not be written.
 */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = "Record live venue traffic (frames with receive times, REST snapshots) into a directory that"
                + " 'tickgate replay' reads.")
public final class RecordCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    ConfigOptions config;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write into (created).")
    private Path out;

    @Option(names = "--venue", paramLabel = "VENUE",
            description = "Venue to record, by id (binance, okx, ...; repeatable; default every enabled venue)."
                    + " Others are not started.")
    private List<String> venues = new ArrayList<>();

    @Option(names = "--duration", paramLabel = "D",
            description = "How long to record: 500ms, 60s, 5m, 2h (a bare number is seconds). Default: until Ctrl-C.")
    private String duration;

    @Option(names = "--queue", paramLabel = "N", defaultValue = "65536",
            description = "Frames and snapshots waiting for the file writer before new ones are dropped (counted)."
                    + " Default 65536.")
    private int queue;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long millis;
        Assembly assembly;
        try {
            millis = duration == null ? Long.MAX_VALUE : parseDuration(duration);
            assembly = new Assembly(config.load(enabled(config.load(List.of()))));
            if (queue < 16) {
                throw new IllegalArgumentException("--queue must be at least 16: " + queue);
            }
        } catch (IllegalArgumentException e) {
            err.println("record: " + e.getMessage());
            return 2;
        }
        Recording recording;
        try {
            recording = Recording.start(out, queue);
        } catch (IOException e) {
            err.println("record: cannot create " + out + ": " + e);
            return 2;
        }
        try {
            assembly.startFeeds(null, recording);
        } catch (RuntimeException e) {
            recording.close();
            assembly.components().close();
            err.println("record: " + e.getMessage());
            return 2;
        }
        System.out.println("recording " + String.join(", ", recording.stats().keySet().stream()
                .map(Venue::source).toList()) + " into " + out.toAbsolutePath()
                + (duration == null ? " until Ctrl-C" : " for " + duration));
        System.out.flush();
        Shutdown shutdown = Shutdown.install(assembly.components());
        shutdown.await(millis);
        shutdown.stop();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("directory", out.toAbsolutePath().toString());
        recording.stats().forEach((v, s) -> summary.put(v.source(), Map.of("frames", s.frames(), "markers",
                s.markers(), "snapshots", s.snapshots(), "dropped", s.dropped())));
        stdout.println(new ObjectMapper().writeValueAsString(summary));
        stdout.flush();
        if (recording.failure() != null) {
            err.println("record: writing failed: " + recording.failure());
            return 1;
        }
        return 0;
    }

    /** {@code --set <venue>.enabled=...} for the chosen venues (none chosen: the configuration decides). */
    private List<String> enabled(TickgateConfig cfg) {
        if (venues.isEmpty()) {
            return List.of();
        }
        Set<String> chosen = new LinkedHashSet<>();
        for (String v : venues) {
            chosen.add(Venues.parse(v).source());
        }
        List<String> sets = new ArrayList<>();
        for (String id : cfg.venues().keySet()) {
            sets.add(id + ".enabled=" + chosen.contains(id));
        }
        for (String id : chosen) {
            if (!cfg.venues().containsKey(id)) {
                throw new IllegalArgumentException("the configuration has no " + id + " section");
            }
        }
        return sets;
    }

    /** {@code 500ms}, {@code 60s}, {@code 5m}, {@code 2h}, or a number of seconds. */
    static long parseDuration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        long unit = 1000;
        String number = t;
        if (t.endsWith("ms")) {
            unit = 1;
            number = t.substring(0, t.length() - 2);
        } else if (t.endsWith("s")) {
            number = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            unit = 60_000;
            number = t.substring(0, t.length() - 1);
        } else if (t.endsWith("h")) {
            unit = 3_600_000;
            number = t.substring(0, t.length() - 1);
        }
        try {
            double v = Double.parseDouble(number.strip());
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new NumberFormatException();
            }
            return Math.max(1, Math.round(v * unit));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--duration must be like 500ms, 60s, 5m or 2h: " + text);
        }
    }
}
