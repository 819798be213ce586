package io.tickgate.feed.replay;

import io.tickgate.feed.DecodeStatus;
import io.tickgate.feed.binance.BinanceControl;
import io.tickgate.feed.binance.BinanceFrameDecoder;
import io.tickgate.feed.binance.BinanceSink;
import io.tickgate.feed.okx.OkxBookMessage;
import io.tickgate.feed.okx.OkxControl;
import io.tickgate.feed.okx.OkxFrameDecoder;
import io.tickgate.feed.okx.OkxSink;
import io.tickgate.model.book.OrderBook;
import io.tickgate.model.event.BookDelta;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.BookTop;
import io.tickgate.model.event.Kline;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.event.PriceLevel;
import io.tickgate.model.event.Ticker;
import io.tickgate.model.event.Trade;
import io.tickgate.processing.book.BinanceBookSync;
import io.tickgate.processing.book.BookSyncConfig;
import io.tickgate.processing.book.BookSyncCounters;
import io.tickgate.processing.book.OkxBookSync;
import io.tickgate.processing.book.SnapshotSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Feeds recorded frames through the same decoder and book-sync classes the live path uses, on the calling thread,
 * and summarizes the result. Deterministic: snapshot futures complete inline, no clock or network is used.
 */
public final class Replayer {

    /** The venues that can be replayed. */
    public enum Venue {
        BINANCE, OKX;

        /** {@code binance} / {@code okx} (case-insensitive), or an IllegalArgumentException. */
        public static Venue parse(String name) {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        }

        public String sourceName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Venue venue;
    private final SnapshotSource snapshots;
    private final Consumer<MarketEvent> listener;
    private final BookSyncCounters counters = new BookSyncCounters();
    private final SortedMap<String, Long> events = new TreeMap<>();
    private final BinanceFrameDecoder binanceDecoder = new BinanceFrameDecoder(() -> 0L);
    private final OkxFrameDecoder okxDecoder = new OkxFrameDecoder();
    private final BinanceBookSync binanceSync;
    private final OkxBookSync okxSync;
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
        Consumer<MarketEvent> publish = this::publish;
        this.binanceSync = new BinanceBookSync(this.snapshots, Runnable::run, publish, counters,
                BookSyncConfig.defaults());
        this.okxSync = new OkxBookSync(instId -> { }, publish, counters, BookSyncConfig.defaults());
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
        DecodeStatus status = venue == Venue.BINANCE
                ? binanceDecoder.decode(frame, binanceSink)
                : okxDecoder.decode(frame, okxSink);
        if (status == DecodeStatus.MALFORMED) {
            malformed++;
        } else if (status == DecodeStatus.IGNORED) {
            ignored++;
        }
    }

    /** The summary so far. */
    public ReplaySummary summary() {
        SortedMap<String, ReplaySummary.Book> books = new TreeMap<>();
        if (venue == Venue.BINANCE) {
            for (String s : binanceSync.symbols()) {
                books.put(s, book(binanceSync.book(s), binanceSync.isSynced(s)));
            }
        } else {
            for (String s : okxSync.symbols()) {
                books.put(s, book(okxSync.book(s), okxSync.isSynced(s)));
            }
        }
        return new ReplaySummary(venue.sourceName(), frames, skipped, malformed, ignored, controls, bookUpdates,
                new TreeMap<>(events), counters.booksSynced(), counters.resyncs(), counters.gaps(),
                counters.checksumsVerified(), counters.checksumsFailed(), counters.crossed(), books);
    }

    /** The Binance sync (to inspect books after a replay). */
    public BinanceBookSync binanceSync() {
        return binanceSync;
    }

    /** The OKX sync. */
    public OkxBookSync okxSync() {
        return okxSync;
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

    private final BinanceSink binanceSink = new BinanceSink() {
        @Override
        public void onEvent(MarketEvent event) {
            publish(event);
        }

        @Override
        public void onDepthUpdate(BookDelta update) {
            bookUpdates++;
            binanceSync.onDepthUpdate(update);
        }

        @Override
        public void onControl(BinanceControl control) {
            controls++;
        }
    };

    private final OkxSink okxSink = new OkxSink() {
        @Override
        public void onEvent(MarketEvent event) {
            publish(event);
        }

        @Override
        public void onBook(OkxBookMessage m) {
            bookUpdates++;
            m.applyTo(okxSync);
        }

        @Override
        public void onControl(OkxControl control) {
            controls++;
        }
    };
}
