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
 * Binance REST depth snapshots from a capture file instead of HTTP, one per line:
 * {@code <request url> -> <unix seconds>: <response body>}, matched to a symbol by the URL's {@code symbol=}
 * parameter. A symbol's snapshots are handed out in file order; the last one is repeated once they run out. A symbol
 * without a snapshot fails its fetch (the book stays unsynced). Single-threaded use (replay).
 */
public final class CaptureSnapshotSource implements SnapshotSource {

    private final Map<String, ArrayDeque<BookSnapshot>> bySymbol = new HashMap<>();
    private final Map<String, BookSnapshot> last = new HashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final VenueAdapter venue;

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
        long ts = CaptureLines.millisOf(line.substring(arrow + 4, colon));
        try {
            BookSnapshot s = venue.restSnapshot(symbol, line.substring(colon + 2), ts);
            bySymbol.computeIfAbsent(symbol, k -> new ArrayDeque<>()).addLast(s);
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
        ArrayDeque<BookSnapshot> queue = bySymbol.get(symbol);
        BookSnapshot s = queue == null ? null : queue.pollFirst();
        if (s != null) {
            last.put(symbol, s);
        } else {
            s = last.get(symbol);
        }
        return s == null
                ? CompletableFuture.failedFuture(new IllegalStateException("no captured snapshot for " + symbol))
                : CompletableFuture.completedFuture(s);
    }

    /** The symbols that have at least one snapshot. */
    public List<String> symbols() {
        List<String> all = new ArrayList<>(bySymbol.keySet());
        all.addAll(last.keySet());
        return all.stream().distinct().sorted().toList();
    }

    /** Lines that could not be used. */
    public List<String> problems() {
        return Collections.unmodifiableList(problems);
    }
}
