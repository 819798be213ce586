package io.tickgate.app.cli;

import io.tickgate.app.config.TickgateConfig;
import io.tickgate.app.runtime.Assembly;
import io.tickgate.app.runtime.FatalErrors;
import io.tickgate.app.runtime.ReplayFeed;
import io.tickgate.feed.pipeline.ProcessorConfig;
import io.tickgate.feed.pool.FeedPool;
import io.tickgate.feed.record.Recording;
import io.tickgate.feed.replay.CaptureSnapshotSource;
import io.tickgate.feed.replay.ReplayPace;
import io.tickgate.feed.replay.ReplaySummary;
import io.tickgate.feed.replay.Replayer;
import io.tickgate.feed.venue.Venues;
import io.tickgate.model.venue.Venue;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tickgate replay --venue VENUE FRAMES [--rest SNAPSHOTS]}: feeds a recording through the venue's live
 * pipeline (processor, book sync, candles, broker) and prints one JSON summary (frames, events by type, closed
 * candles, books synced, resyncs, gaps, checksums, per symbol the final book, per topic the last seq). With
 * {@code --serve} it starts a gateway and publishes the replay into it, at the recorded speed or {@code --fast}, then
 * serves until Ctrl-C ({@code --exit-when-done}: exits after the replay). Exit code 0 on success, 2 when an input
 * cannot be read or an option is wrong.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay a recording through the venue's pipeline (processor, book sync, candles, broker); print"
                + " a JSON summary, or serve it to WebSocket clients with --serve.")
public final class ReplayCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    ConfigOptions config;

    @Option(names = "--venue", required = true, paramLabel = "VENUE",
            description = "Venue whose format the frames are in, by id (binance, okx, ...).")
    private String venue;

    @Parameters(index = "0", paramLabel = "FRAMES",
            description = "A recording's frames file (tickgate record, or one raw frame per line with an optional"
                    + " '<unix seconds>: ' prefix), or a recording directory (its <venue>.frames and <venue>.rest).")
    private Path frames;

    @Option(names = "--rest", paramLabel = "SNAPSHOTS",
            description = "REST depth snapshots, '<url> -> <unix seconds>: <body>' per line, matched by symbol"
                    + " (default with a directory: its <venue>.rest). Without them Binance books stay unsynced.")
    private Path rest;

    @Option(names = "--serve", description = "Start a gateway and publish the replay into it.")
    private boolean serve;

    @Option(names = "--fast", description = "With --serve: as fast as possible (default: the recorded speed).")
    private boolean fast;

    @Option(names = "--speed", paramLabel = "X", defaultValue = "1",
            description = "With --serve: the recorded speed times X (2 = twice as fast). Default 1.")
    private double speed;

    @Option(names = "--exit-when-done", description = "With --serve: exit once the recording is replayed.")
    private boolean exitWhenDone;

    @Option(names = {"-p", "--port"}, paramLabel = "P", description = "With --serve: gateway port (default 8080).")
    private Integer port;

    @Option(names = "--host", paramLabel = "H", description = "With --serve: gateway bind address (default 127.0.0.1).")
    private String host;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Venue v;
        try {
            v = Venues.parse(venue);
            if (!(speed > 0) || Double.isInfinite(speed)) {
                throw new IllegalArgumentException("--speed must be a positive number: " + speed);
            }
        } catch (IllegalArgumentException e) {
            err.println("replay: " + e.getMessage());
            return 2;
        }
        Path framesFile = frames;
        Path restFile = rest;
        if (Files.isDirectory(frames)) {
            framesFile = Recording.framesFile(frames, v);
            if (restFile == null && Files.exists(Recording.restFile(frames, v))) {
                restFile = Recording.restFile(frames, v);
            }
        }
        if (!Files.isReadable(framesFile) || Files.isDirectory(framesFile)) {
            err.println("replay: cannot read frames file " + framesFile);
            return 2;
        }
        if (restFile != null && !Files.isReadable(restFile)) {
            err.println("replay: cannot read snapshots file " + restFile);
            return 2;
        }
        TickgateConfig cfg;
        ProcessorConfig processing;
        try {
            cfg = config.load(shortcuts());
            processing = FeedPool.processorConfig(Assembly.poolConfig(cfg, v));
        } catch (IllegalArgumentException e) {
            err.println("replay: " + e.getMessage());
            return 2;
        }
        try {
            if (serve) {
                return serve(new Assembly(cfg), v, framesFile, restFile, out, err);
            }
            CaptureSnapshotSource snapshots = null;
            if (restFile != null) {
                snapshots = CaptureSnapshotSource.read(restFile, v);
                snapshots.problems().forEach(p -> err.println("replay: skipped snapshot " + p));
            }
            ReplaySummary summary = new Replayer(v, processing, snapshots, null, null).replay(framesFile);
            out.println(summary.toJson());
            out.flush();
            return 0;
        } catch (IOException e) {
            err.println("replay: " + e.getMessage());
            return 2;
        }
    }

    private List<String> shortcuts() {
        List<String> s = new ArrayList<>();
        if (port != null) {
            s.add("gateway.port=" + port);
        }
        if (host != null) {
            s.add("gateway.host=" + host);
        }
        return s;
    }

    private int serve(Assembly assembly, Venue v, Path framesFile, Path restFile, PrintWriter out, PrintWriter err)
            throws InterruptedException {
        FatalErrors.install();
        try {
            assembly.declareTopics(ReplayFeed.topics(assembly, v, framesFile, restFile));
            assembly.startGateway();
        } catch (IOException | RuntimeException e) {
            assembly.components().close();
            err.println("replay: " + e.getMessage());
            return 2;
        }
        ReplayFeed feed = assembly.components().add("replay", ReplayFeed.start(assembly, v, framesFile, restFile,
                fast ? ReplayPace.fast() : ReplayPace.recorded(speed)));
        assembly.printUrls(System.out);
        Shutdown shutdown = Shutdown.install(assembly.components());
        feed.done().whenComplete((summary, error) -> {
            if (summary != null) {
                out.println(summary.toJson());
                out.flush();
            }
            if (exitWhenDone || error != null && !(error instanceof InterruptedException)) {
                shutdown.requestStop();
            }
        });
        shutdown.await();
        shutdown.stop();
        boolean failed = feed.done().isCompletedExceptionally()
                && feed.done().handle((s, e) -> !(e instanceof InterruptedException)).getNow(true);
        return failed ? 1 : 0;
    }
}
