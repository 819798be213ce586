package io.tickgate.feed.record;

import io.netty.buffer.ByteBuf;
import io.tickgate.feed.pipeline.FeedItem;
import io.tickgate.feed.venue.VenueAdapter;
import io.tickgate.feed.venue.Venues;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.venue.Venue;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A recording in one directory: per venue a frames file and, for venues with REST snapshots, a snapshot file, in
 * {@link RecordingFormat}. The sockets' event loops hand lines to one writer thread through a bounded queue
 * ({@code queueCapacity} frames and snapshots); when it is full, new frames and snapshots are dropped and counted
 * ({@link Stats#dropped()}), so a slow disk never blocks a socket. Markers are never dropped (they are few, and a
 * replay needs them to route the data).
 */
public final class Recording implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Recording.class);
    private static final Line STOP = new Line(null, false, 0, null);

    private final Path dir;
    private final int queueCapacity;
    private final LinkedBlockingQueue<Line> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final Map<Venue, VenueFiles> venues = new LinkedHashMap<>();
    private final Thread writer;
    private volatile boolean closed;
    private volatile IOException failure;

    private Recording(Path dir, int queueCapacity) {
        this.dir = dir;
        this.queueCapacity = queueCapacity;
        this.writer = new Thread(this::write, "tickgate-recorder");
        writer.setDaemon(true);
    }

    /**
     * Creates {@code dir} (if needed) and starts the writer thread.
     *
     * @param queueCapacity frames and snapshots waiting for the writer before new ones are dropped (at least 16)
     * @throws IOException if the directory cannot be created
     */
    public static Recording start(Path dir, int queueCapacity) throws IOException {
        if (queueCapacity < 16) {
            throw new IllegalArgumentException("queueCapacity must be >= 16: " + queueCapacity);
        }
        Files.createDirectories(dir);
        Recording r = new Recording(dir, queueCapacity);
        r.writer.start();
        return r;
    }

    /**
     * The recorder of one venue: creates (replaces) {@code <venue>.frames} and, if the venue has REST snapshots,
     * {@code <venue>.rest}, with a header line naming the venue and what is recorded.
     *
     * @param description what the pool subscribes (written into the header comment), may be empty
     * @throws UncheckedIOException if a file cannot be created
     */
    public synchronized VenueRecorder venue(Venue venue, String description) {
        if (venues.containsKey(venue)) {
            throw new IllegalArgumentException(venue + " is already recorded");
        }
        VenueAdapter adapter = Venues.adapter(venue);
        try {
            Files.deleteIfExists(restFile(dir, venue)); // written when the first snapshot returns
            VenueFiles files = new VenueFiles(adapter, framesFile(dir, venue), restFile(dir, venue));
            files.frames.write("# tickgate recording v1 venue=" + venue.source() + " started="
                    + Instant.now() + (description == null || description.isBlank() ? "" : " " + description));
            files.frames.newLine();
            venues.put(venue, files);
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the recording files of " + venue.source() + " in " + dir, e);
        }
    }

    /** The frames file of a venue in a recording directory. */
    public static Path framesFile(Path dir, Venue venue) {
        return dir.resolve(venue.source() + RecordingFormat.FRAMES);
    }

    /** The REST snapshot file of a venue in a recording directory. */
    public static Path restFile(Path dir, Venue venue) {
        return dir.resolve(venue.source() + RecordingFormat.REST);
    }

    public Path directory() {
        return dir;
    }

    /** Per venue: what was written and dropped so far. */
    public synchronized Map<Venue, Stats> stats() {
        Map<Venue, Stats> out = new LinkedHashMap<>();
        venues.forEach((v, f) -> out.put(v, f.stats()));
        return out;
    }

    /** Stops taking lines, writes what is queued, closes the files (waits at most 5 s for the writer). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.add(STOP);
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            LOG.warn("recording writer did not finish within 5 s; {} lines not written", queue.size());
        }
        if (failure != null) {
            LOG.warn("recording to {} failed: {}", dir, failure.toString());
        }
    }

    /** The first write error, or null. */
    public IOException failure() {
        return failure;
    }

    private boolean enqueue(Line line, boolean bounded) {
        if (closed) {
            return false;
        }
        if (bounded && queued.incrementAndGet() > queueCapacity) {
            queued.decrementAndGet();
            return false;
        }
        queue.add(line);
        return true;
    }

    // ---------------------------------------------------------------- writer thread

    private void write() {
        try {
            while (true) {
                Line line = queue.poll(200, TimeUnit.MILLISECONDS);
                if (line == null) {
                    flushAll();
                    continue;
                }
                if (line == STOP) {
                    break;
                }
                if (line.bounded) {
                    queued.decrementAndGet();
                }
                line.files.write(line);
                if (queue.isEmpty()) {
                    flushAll();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            for (VenueFiles f : venues.values()) {
                f.close();
            }
        }
    }

    private synchronized void flushAll() {
        for (VenueFiles f : venues.values()) {
            f.flush();
        }
    }

    private void failed(IOException e) {
        if (failure == null) {
            failure = e;
            LOG.warn("recording to {}: {}", dir, e.toString());
        }
    }

    /** What one venue's recorder wrote and dropped. */
    public record Stats(long frames, long markers, long snapshots, long dropped) {
    }

    private record Line(VenueFiles files, boolean bounded, long session, String text) {
    }

    /** One venue's files; the recorder methods run on any thread, the write methods on the writer thread. */
    private final class VenueFiles implements VenueRecorder {
        final VenueAdapter adapter;
        final BufferedWriter frames;
        final Path restPath;
        BufferedWriter rest;
        long lastSession = Long.MIN_VALUE;
        final LongAdder frameCount = new LongAdder();
        final LongAdder markerCount = new LongAdder();
        final LongAdder snapshotCount = new LongAdder();
        final LongAdder dropped = new LongAdder();

        VenueFiles(VenueAdapter adapter, Path framesPath, Path restPath) throws IOException {
            this.adapter = Objects.requireNonNull(adapter);
            this.frames = Files.newBufferedWriter(framesPath, StandardCharsets.UTF_8);
            this.restPath = restPath;
        }

        Stats stats() {
            return new Stats(frameCount.sum(), markerCount.sum(), snapshotCount.sum(), dropped.sum());
        }

        @Override
        public void frame(long session, long receivedMillis, ByteBuf utf8) {
            if (queued.get() >= queueCapacity) { // before copying the frame
                dropped.increment();
                return;
            }
            String line = RecordingFormat.frame(receivedMillis, utf8.toString(StandardCharsets.UTF_8));
            if (enqueue(new Line(this, true, session, line), true)) {
                frameCount.increment();
            } else {
                dropped.increment();
            }
        }

        @Override
        public void marker(FeedItem marker) {
            String line;
            if (marker instanceof FeedItem.Own o) {
                line = "@own " + o.session() + " " + RecordingFormat.symbols(o.symbols());
            } else if (marker instanceof FeedItem.Candidate c) {
                line = "@candidate " + c.session() + " " + RecordingFormat.symbols(c.symbols());
            } else if (marker instanceof FeedItem.Handoff h) {
                line = "@handoff " + h.from() + " " + h.to() + " " + RecordingFormat.symbols(h.symbols());
            } else {
                return;
            }
            if (enqueue(new Line(this, false, Long.MIN_VALUE, line), false)) {
                markerCount.increment();
            }
        }

        @Override
        public void snapshot(String symbol, long receivedMillis, BookSnapshot snapshot) {
            String body;
            try {
                body = adapter.restSnapshotBody(snapshot);
            } catch (RuntimeException e) {
                dropped.increment();
                LOG.debug("cannot record the snapshot of {}: {}", symbol, e.toString());
                return;
            }
            String line = RecordingFormat.rest(adapter.venue().source(), symbol, receivedMillis, body);
            if (enqueue(new Line(this, true, -1, line), true)) {
                snapshotCount.increment();
            } else {
                dropped.increment();
            }
        }

        void write(Line line) {
            try {
                if (line.session == -1) {
                    if (rest == null) {
                        rest = Files.newBufferedWriter(restPath, StandardCharsets.UTF_8);
                    }
                    rest.write(line.text);
                    rest.newLine();
                    return;
                }
                if (line.session != Long.MIN_VALUE && line.session != lastSession) {
                    lastSession = line.session;
                    frames.write("@socket " + line.session);
                    frames.newLine();
                }
                frames.write(line.text);
                frames.newLine();
            } catch (IOException e) {
                failed(e);
            }
        }

        void flush() {
            try {
                frames.flush();
                if (rest != null) {
                    rest.flush();
                }
            } catch (IOException e) {
                failed(e);
            }
        }

        void close() {
            try {
                frames.close();
                if (rest != null) {
                    rest.close();
                }
            } catch (IOException e) {
                failed(e);
            }
        }
    }
}
