package io.tickgate.app.runtime;

import io.tickgate.feed.pool.FeedPool;
import io.tickgate.feed.replay.CaptureSnapshotSource;
import io.tickgate.feed.replay.ReplayPace;
import io.tickgate.feed.replay.ReplaySummary;
import io.tickgate.feed.replay.Replayer;
import io.tickgate.model.topic.Topic;
import io.tickgate.model.venue.Venue;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A recording replayed through the venue's pipeline into the process's broker, on a thread of its own, in place of
 * the feed pools ({@code tickgate replay --serve}): the gateway's clients see the replayed topics with snapshots and
 * seqs as from a live feed. As fast as possible it waits while the gateway's hub queues are a quarter full, so it
 * never overflows them.
 */
public final class ReplayFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayFeed.class);
    private static final int BACKPRESSURE_CHECK_FRAMES = 256;

    private final Thread thread;
    private final CompletableFuture<ReplaySummary> done = new CompletableFuture<>();

    private ReplayFeed(Assembly assembly, Venue venue, Path frames, Path rest, ReplayPace pace) {
        ReplayPace paced = backpressured(assembly, pace);
        thread = new Thread(() -> run(assembly, venue, frames, rest, paced), "tickgate-replay-" + venue.source());
        thread.setDaemon(true);
    }

    /**
     * Starts replaying {@code frames} (with REST snapshots from {@code rest}, may be null) into the assembly's broker.
     *
     * @param pace how fast ({@link ReplayPace#recorded} or {@link ReplayPace#fast})
     */
    public static ReplayFeed start(Assembly assembly, Venue venue, Path frames, Path rest, ReplayPace pace) {
        ReplayFeed feed = new ReplayFeed(assembly, venue, frames, rest, pace);
        feed.thread.start();
        return feed;
    }

    /**
     * The topics a replay of the recording publishes (a dry run into a broker of its own, as fast as possible), to
     * declare them in the gateway before the replay starts.
     */
    public static Set<Topic> topics(Assembly assembly, Venue venue, Path frames, Path rest) throws IOException {
        Set<Topic> topics = new LinkedHashSet<>();
        new Replayer(venue, FeedPool.processorConfig(assembly.poolConfig(venue)), snapshots(rest, venue), null,
                e -> topics.add(e.topic())).replay(frames);
        return topics;
    }

    /** Completes with the summary when the recording has been replayed (exceptionally if it could not be read). */
    public CompletableFuture<ReplaySummary> done() {
        return done;
    }

    private void run(Assembly assembly, Venue venue, Path frames, Path rest, ReplayPace pace) {
        try (BufferedReader r = Files.newBufferedReader(frames, StandardCharsets.UTF_8)) {
            Replayer replayer = new Replayer(venue, FeedPool.processorConfig(assembly.poolConfig(venue)),
                    snapshots(rest, venue), assembly.broker(), null);
            ReplaySummary summary = replayer.replay(r, pace);
            LOG.info("replay of {} done: {} frames, {} topics", frames, summary.frames(), summary.topics().size());
            done.complete(summary);
        } catch (InterruptedException e) {
            done.completeExceptionally(e);
        } catch (IOException | RuntimeException e) {
            LOG.warn("replay of {} failed: {}", frames, e.toString());
            done.completeExceptionally(e);
        }
    }

    private static CaptureSnapshotSource snapshots(Path rest, Venue venue) throws IOException {
        return rest == null ? null : CaptureSnapshotSource.read(rest, venue);
    }

    private static ReplayPace backpressured(Assembly assembly, ReplayPace pace) {
        Objects.requireNonNull(pace, "pace");
        double high = Math.max(1, assembly.hubQueueCapacity() / 4.0);
        int[] frames = {0};
        return t -> {
            if (Thread.interrupted()) {
                throw new InterruptedException("replay stopped");
            }
            pace.await(t);
            if (++frames[0] % BACKPRESSURE_CHECK_FRAMES == 0) {
                while (assembly.hubQueueDepth() > high) {
                    Thread.sleep(1);
                }
            }
        };
    }

    /** Stops the replay (where it is) and waits for its thread. */
    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
