package io.tickgate.feed.replay;

import io.tickgate.feed.json.MalformedFrameException;
import io.tickgate.feed.venue.VenueAdapter;
import io.tickgate.feed.venue.Venues;
import io.tickgate.model.venue.Venue;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.processing.book.SnapshotSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * REST depth snapshots from a capture file instead of HTTP, one per line:
 * {@code <request url> -> <unix seconds>: <response body>} (cryptofeed's format, which tickgate's recordings use too),
 * matched to a symbol by the URL's {@code symbol=} parameter and parsed by the venue's adapter.
 *
 * <p>Each fetch gets the symbol's next snapshot in file order. Once a replay drives the clock ({@link #advanceTo}),
 * at the time it returned in the recording: the future completes when the clock has reached that time (at once if
 * it has already), so the sync sees it between the same frames as it did live; without a clock, at once. A fetch with no snapshot left stays pending (live, that
 * request had not returned when the recording ended); a symbol without any snapshot fails its fetch, so its book
 * stays unsynced. Single-threaded use (replay).
 */
public final class CaptureSnapshotSource implements SnapshotSource {

    private final Map<String, ArrayDeque<Timed>> bySymbol = new HashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final VenueAdapter venue;
    private long now = Long.MAX_VALUE; // no clock yet: every snapshot is there when asked for
    private boolean clocked;

    private CaptureSnapshotSource(VenueAdapter venue) {
        this.venue = venue;
    }

    /**
     * Reads a capture file of {@code venue}'s REST snapshots; malformed lines are skipped and listed in
     * {@link #problems()}.
     */
    public static CaptureSnapshotSource read(Path file, Venue venue) throws IOException {
        CaptureSnapshotSource source = new CaptureSnapshotSource(Venues.adapter(venue));
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (!line.isBlank()) {
                    source.add(line, n);
                }
            }
        }
        return source;
    }

    private void add(String line, int lineNumber) {
        int arrow = line.indexOf(" -> ");
        int colon = arrow < 0 ? -1 : line.indexOf(": ", arrow + 4);
        if (arrow < 0 || colon < 0) {
            problems.add("line " + lineNumber + ": not '<url> -> <seconds>: <body>'");
            return;
        }
        String symbol = symbolOf(line.substring(0, arrow));
        if (symbol == null) {
            problems.add("line " + lineNumber + ": no symbol= in the URL");
            return;
        }
        long ts = Math.max(0, CaptureLines.millisOf(line.substring(arrow + 4, colon)));
        try {
            BookSnapshot s = venue.restSnapshot(symbol, line.substring(colon + 2), ts);
            bySymbol.computeIfAbsent(symbol, k -> new ArrayDeque<>()).addLast(new Timed(ts, s));
        } catch (MalformedFrameException e) {
            problems.add("line " + lineNumber + ": " + e.getMessage());
        }
    }

    static String symbolOf(String url) {
        int q = url.indexOf('?');
        if (q < 0) {
            return null;
        }
        for (String param : url.substring(q + 1).split("&")) {
            if (param.startsWith("symbol=") && param.length() > 7) {
                return param.substring(7);
            }
        }
        return null;
    }

    @Override
    public CompletableFuture<BookSnapshot> fetch(String symbol) {
        ArrayDeque<Timed> queue = bySymbol.get(symbol);
        if (queue == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no captured snapshot for " + symbol));
        }
        CompletableFuture<BookSnapshot> f = new CompletableFuture<>();
        Timed next = queue.pollFirst();
        if (next != null && next.millis <= now) {
            f.complete(next.snapshot);
        } else if (next != null) {
            pending.addLast(new Pending(next, f));
        }
        return f; // no snapshot left: pending for good
    }

    /**
     * The replay's clock moved to {@code millis} (a frame's receive time): completes the fetches whose snapshot had
     * returned by then, in the order they returned.
     */
    public void advanceTo(long millis) {
        now = clocked ? Math.max(now, millis) : millis;
        clocked = true;
        if (pending.isEmpty()) {
            return;
        }
        List<Pending> due = new ArrayList<>();
        pending.removeIf(p -> {
            if (p.timed.millis <= now) {
                due.add(p);
                return true;
            }
            return false;
        });
        due.sort((a, b) -> Long.compare(a.timed.millis, b.timed.millis));
        for (Pending p : due) {
            p.future.complete(p.timed.snapshot);
        }
    }

    /** The recording ended: completes every fetch whose snapshot is in the file (it returned before the end). */
    public void advanceToEnd() {
        advanceTo(Long.MAX_VALUE);
    }

    /** The symbols that have at least one snapshot. */
    public List<String> symbols() {
        return bySymbol.keySet().stream().sorted().toList();
    }

    /** Lines that could not be used. */
    public List<String> problems() {
        return Collections.unmodifiableList(problems);
    }

    private record Timed(long millis, BookSnapshot snapshot) {
    }

    private record Pending(Timed timed, CompletableFuture<BookSnapshot> future) {
    }
}
