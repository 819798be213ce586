package io.tickgate.app.cli;

import io.tickgate.model.venue.Venue;

import io.tickgate.feed.venue.Venues;

import io.tickgate.feed.replay.CaptureSnapshotSource;
import io.tickgate.feed.replay.ReplaySummary;
import io.tickgate.feed.replay.Replayer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tickgate replay --venue binance|okx FRAMES [--rest SNAPSHOTS]}: feeds recorded venue frames through the
 * live adapter and book-sync code and prints one JSON summary (frames, events by type, books synced, resyncs, gaps,
 * checksums, and per symbol the final best bid/ask and depth). Exit code 0 on success, 2 when an input file cannot
 * be read.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay recorded venue frames through the adapters and book sync; print a JSON summary.")
public final class ReplayCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--venue", required = true, paramLabel = "binance|okx",
            description = "Venue whose format the frames are in.")
    private String venue;

    @Parameters(index = "0", paramLabel = "FRAMES",
            description = "One raw text frame per line; a leading '<unix seconds>: ' is stripped, other lines skipped.")
    private Path frames;

    @Option(names = "--rest", paramLabel = "SNAPSHOTS",
            description = "Binance REST depth snapshots, '<url> -> <unix seconds>: <body>' per line, matched by "
                    + "symbol. Without it Binance books stay unsynced (no HTTP is made).")
    private Path rest;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Venue v;
        try {
            v = Venues.parse(venue);
        } catch (IllegalArgumentException e) {
            err.println("replay: " + e.getMessage());
            return 2;
        }
        if (!Files.isReadable(frames)) {
            err.println("replay: cannot read frames file " + frames);
            return 2;
        }
        try {
            CaptureSnapshotSource snapshots = null;
            if (rest != null) {
                if (!Files.isReadable(rest)) {
                    err.println("replay: cannot read snapshots file " + rest);
                    return 2;
                }
                snapshots = CaptureSnapshotSource.read(rest, v);
                snapshots.problems().forEach(p -> err.println("replay: skipped snapshot " + p));
            }
            ReplaySummary summary = new Replayer(v, snapshots, null).replay(frames);
            out.println(summary.toJson());
            out.flush();
            return 0;
        } catch (IOException e) {
            err.println("replay: " + e.getMessage());
            return 2;
        }
    }
}
