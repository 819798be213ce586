package io.tickgate.feed.replay;

import io.tickgate.feed.json.DecodeStatus;
import io.tickgate.feed.venue.VenueAdapter;
import io.tickgate.feed.venue.VenueDecoder;
import io.tickgate.feed.venue.Venues;
import io.tickgate.model.book.OrderBook;
import io.tickgate.model.event.BookDelta;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.BookTop;
import io.tickgate.model.event.Kline;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.event.PriceLevel;
import io.tickgate.model.event.Ticker;
import io.tickgate.model.event.Trade;
import io.tickgate.model.venue.Venue;
import io.tickgate.processing.book.BookSync;
import io.tickgate.processing.book.BookSyncConfig;
import io.tickgate.processing.book.BookSyncContext;
import io.tickgate.processing.book.BookSyncCounters;
import io.tickgate.processing.book.SnapshotSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Feeds recorded frames through the same decoder and book-sync classes the live path uses, on the calling thread,
 * and summarizes the result. Deterministic: snapshot futures complete inline, no clock or network is used.
 */
public final class Replayer {

    private final Venue venue;
    private final SnapshotSource snapshots;
    private final Consumer<MarketEvent> listener;
    private final BookSyncCounters counters = new BookSyncCounters();
    private final SortedMap<String, Long> events = new TreeMap<>();
    private final VenueDecoder decoder;
    private final BookSync books;
    private long frames;
    private long skipped;
    private long malformed;
    private long ignored;
    private long controls;
    private long bookUpdates;

    /**
     * @param venue     whose format the frames are in
     * @param snapshots Binance REST snapshots (e.g. a {@link CaptureSnapshotSource}); null = none, the Binance books
     *                  stay unsynced. Not used for OKX, whose snapshots are in-band.
     * @param listener  also receives every published event (may be null)
     */
    public Replayer(Venue venue, SnapshotSource snapshots, Consumer<MarketEvent> listener) {
        this.venue = Objects.requireNonNull(venue, "venue");
        this.snapshots = snapshots == null ? SnapshotSource.unavailable() : snapshots;
        this.listener = listener;
        VenueAdapter adapter = Venues.adapter(venue);
        this.decoder = adapter.decoder(() -> 0L);
        this.books = adapter.bookSync(new BookSyncContext(Runnable::run, this::publish, counters,
                BookSyncConfig.defaults(), this.snapshots, symbol -> { }));
    }

    /** Replays a frames file. */
    public ReplaySummary replay(Path frames) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(frames, StandardCharsets.UTF_8)) {
            return replay(r);
        }
    }

    /** Replays every line of a reader. */
    public ReplaySummary replay(BufferedReader lines) throws IOException {
        String line;
        while ((line = lines.readLine()) != null) {
            accept(line);
        }
        return summary();
    }

    /** Replays one line: a frame (with or without a {@code <seconds>: } prefix) or a line to skip. */
    public void accept(String line) {
        String frame = CaptureLines.frameOf(line);
        if (frame == null) {
            if (line != null && !line.isBlank()) {
                skipped++;
            }
            return;
        }
        frames++;
        DecodeStatus status = decoder.decode(frame, sink);
        if (status == DecodeStatus.MALFORMED) {
            malformed++;
        } else if (status == DecodeStatus.IGNORED) {
            ignored++;
        }
    }

    /** The summary so far. */
    public ReplaySummary summary() {
        SortedMap<String, ReplaySummary.Book> bySymbol = new TreeMap<>();
        for (String s : books.symbols()) {
            bySymbol.put(s, book(books.book(s), books.isSynced(s)));
        }
        return new ReplaySummary(venue.source(), frames, skipped, malformed, ignored, controls, bookUpdates,
                new TreeMap<>(events), counters.booksSynced(), counters.resyncs(), counters.gaps(),
                counters.checksumsVerified(), counters.checksumsFailed(), counters.crossed(), bySymbol);
    }

    /** The venue's book sync (to inspect books after a replay). */
    public BookSync bookSync() {
        return books;
    }

    private static ReplaySummary.Book book(OrderBook b, boolean synced) {
        if (!synced) {
            return new ReplaySummary.Book(false, null, null, b.bidDepth(), b.askDepth(), b.sequence());
        }
        PriceLevel bid = b.bestBid();
        PriceLevel ask = b.bestAsk();
        return new ReplaySummary.Book(true, bid == null ? null : bid.price().toString(),
                ask == null ? null : ask.price().toString(), b.bidDepth(), b.askDepth(), b.sequence());
    }

    private void publish(MarketEvent e) {
        events.merge(typeOf(e), 1L, Long::sum);
        if (listener != null) {
            listener.accept(e);
        }
    }

    static String typeOf(MarketEvent e) {
        if (e instanceof Trade) {
            return "trade";
        } else if (e instanceof Ticker) {
            return "ticker";
        } else if (e instanceof Kline) {
            return "kline";
        } else if (e instanceof BookSnapshot) {
            return "bookSnapshot";
        } else if (e instanceof BookDelta) {
            return "bookDelta";
        } else if (e instanceof BookTop) {
            return "bookTop";
        }
        return e.getClass().getSimpleName();
    }

    private final VenueDecoder.Sink sink = new VenueDecoder.Sink() {
        @Override
        public void onEvent(MarketEvent event) {
            publish(event);
        }

        @Override
        public void onBook(String symbol, Object message) {
            bookUpdates++;
            books.onMessage(message);
        }

        @Override
        public void onControl(Object control) {
            controls++;
        }
    };
}
