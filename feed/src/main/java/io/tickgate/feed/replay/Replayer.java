package io.tickgate.feed.replay;

import io.tickgate.bus.api.Broker;
import io.tickgate.bus.api.Envelope;
import io.tickgate.bus.local.InProcessBroker;
import io.tickgate.feed.json.DecodeStatus;
import io.tickgate.feed.pipeline.FeedItem;
import io.tickgate.feed.pipeline.ProcessorConfig;
import io.tickgate.feed.pipeline.VenueProcessor;
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
import io.tickgate.processing.book.BookSyncCounters;
import io.tickgate.processing.book.SnapshotSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Feeds a recording through the same pipeline as live data, on the calling thread: each frame is decoded by the
 * venue's decoder into {@link FeedItem}s tagged with the socket that received it, and handed with the recorded
 * ownership markers to a {@link VenueProcessor#driven driven} {@link VenueProcessor} (symbol routing, trade-id
 * de-duplication, the venue's book sync, candles), which publishes into a {@link Broker} (seqs per topic). The clock
 * is the recorded receive time: candles close on it as they would on the wall clock, and REST snapshots from a
 * {@link CaptureSnapshotSource} arrive when they did. Deterministic: no thread, network or wall clock is used.
 *
 * <p>A symbol no recorded marker has claimed (a cryptofeed capture, or a recording started while the pool ran) is
 * owned by the socket of its first frame, as a live socket's {@link FeedItem.Own} would.
 */
public final class Replayer {

    private final Venue venue;
    private final CaptureSnapshotSource timedSnapshots;
    private final Broker broker;
    private final Consumer<MarketEvent> listener;
    private final VenueDecoder decoder;
    private final VenueProcessor processor;
    private final Set<String> claimed = new HashSet<>();
    private final SortedMap<String, Long> events = new TreeMap<>();
    private final SortedMap<String, Long> closedKlines = new TreeMap<>();
    private final SortedMap<String, Long> topics = new TreeMap<>();
    private long session = 1;
    private long now = -1;
    private long frames;
    private long skipped;
    private long malformed;
    private long ignored;
    private long controls;
    private long bookUpdates;

    /**
     * A replay with the default processing settings into a broker of its own.
     *
     * @param venue     whose format the frames are in
     * @param snapshots REST snapshots (e.g. a {@link CaptureSnapshotSource}); null = none, so books that need them
     *                  stay unsynced. Not used by venues whose snapshots are in-band.
     * @param listener  also receives every published event (may be null)
     */
    public Replayer(Venue venue, SnapshotSource snapshots, Consumer<MarketEvent> listener) {
        this(venue, ProcessorConfig.defaults(), snapshots, null, listener);
    }

    /**
     * @param venue     whose format the frames are in
     * @param config    the processing settings (what the live pool runs with: {@code FeedPool.processorConfig})
     * @param snapshots REST snapshots, null = none; a {@link CaptureSnapshotSource} is released on the recorded clock
     * @param broker    where events are published (numbered); null = an in-process broker of its own
     * @param listener  also receives every published event (may be null)
     */
    public Replayer(Venue venue, ProcessorConfig config, SnapshotSource snapshots, Broker broker,
                    Consumer<MarketEvent> listener) {
        this.venue = Objects.requireNonNull(venue, "venue");
        this.timedSnapshots = snapshots instanceof CaptureSnapshotSource c ? c : null;
        this.broker = broker == null ? InProcessBroker.withoutRetention() : broker;
        this.listener = listener;
        VenueAdapter adapter = Venues.adapter(venue);
        this.decoder = adapter.decoder(() -> Math.max(0, now));
        this.processor = VenueProcessor.driven(venue, config, this::publish, adapter::bookSync,
                snapshots == null ? SnapshotSource.unavailable() : snapshots, null);
    }

    /** Replays a frames file. */
    public ReplaySummary replay(Path frames) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(frames, StandardCharsets.UTF_8)) {
            return replay(r);
        }
    }

    /** Replays every line of a reader as fast as possible. */
    public ReplaySummary replay(BufferedReader lines) throws IOException {
        try {
            return replay(lines, ReplayPace.fast());
        } catch (InterruptedException e) {
            throw new IllegalStateException("the fast pace never waits", e);
        }
    }

    /**
     * Replays every line of a reader, each frame when {@code pace} lets it, then {@link #finish()}es.
     *
     * @throws InterruptedException if the pace was interrupted (the replay stops where it was)
     */
    public ReplaySummary replay(BufferedReader lines, ReplayPace pace) throws IOException, InterruptedException {
        String line;
        while ((line = lines.readLine()) != null) {
            CaptureLines.Line l = CaptureLines.parse(line);
            if (l.kind() == CaptureLines.Kind.FRAME) {
                pace.await(l.millis());
            }
            accept(line, l);
        }
        finish();
        return summary();
    }

    /** Replays one line: a frame (with or without a {@code <seconds>: } prefix), a marker, or a line to skip. */
    public void accept(String line) {
        accept(line, CaptureLines.parse(line));
    }

    private void accept(String line, CaptureLines.Line l) {
        switch (l.kind()) {
            case FRAME -> frame(l);
            case SOCKET -> session = l.session();
            case OWN -> marker(new FeedItem.Own(l.session(), l.symbols()), l.symbols());
            case CANDIDATE -> marker(new FeedItem.Candidate(l.session(), l.symbols()), l.symbols());
            case HANDOFF -> marker(new FeedItem.Handoff(l.session(), l.to(), l.symbols()), l.symbols());
            case BAD -> malformed++;
            default -> {
                if (line != null && !line.isBlank()) {
                    skipped++;
                }
            }
        }
    }

    /**
     * The recording ended: snapshots it holds that had not been handed out yet are delivered (they returned before
     * the end) and everything queued is processed. Candles stay open: the recorded clock stops at the last frame.
     */
    public void finish() {
        if (timedSnapshots != null) {
            timedSnapshots.advanceToEnd();
        }
        processor.runPending(Math.max(0, now));
    }

    private void marker(FeedItem marker, List<String> symbols) {
        claimed.addAll(symbols);
        processor.offer(marker);
        processor.runPending(Math.max(0, now));
    }

    private void frame(CaptureLines.Line l) {
        if (l.millis() >= 0) {
            now = Math.max(now, l.millis());
        }
        if (timedSnapshots != null) {
            if (now >= 0) {
                timedSnapshots.advanceTo(now);
            } else {
                timedSnapshots.advanceToEnd(); // no recorded time: snapshots are there when asked for
            }
        }
        frames++;
        DecodeStatus status = decoder.decode(l.frame(), sink);
        if (status == DecodeStatus.MALFORMED) {
            malformed++;
        } else if (status == DecodeStatus.IGNORED) {
            ignored++;
        }
        processor.runPending(Math.max(0, now));
    }

    private void deliver(String symbol, FeedItem item) {
        if (claimed.add(symbol)) {
            processor.offer(new FeedItem.Own(session, List.of(symbol)));
        }
        processor.offer(item);
    }

    /** The summary so far (call it on the replaying thread). */
    public ReplaySummary summary() {
        BookSync books = processor.bookSync();
        SortedMap<String, ReplaySummary.Book> bySymbol = new TreeMap<>();
        for (String s : books.symbols()) {
            bySymbol.put(s, book(books.book(s), books.isSynced(s)));
        }
        BookSyncCounters c = processor.bookCounters();
        return new ReplaySummary(venue.source(), frames, skipped, malformed, ignored, controls, bookUpdates,
                processor.duplicates(), new TreeMap<>(events), new TreeMap<>(closedKlines), c.booksSynced(),
                c.resyncs(), c.gaps(), c.checksumsVerified(), c.checksumsFailed(), c.crossed(), bySymbol,
                new TreeMap<>(topics));
    }

    /** The venue's book sync (to inspect books after a replay, on the replaying thread). */
    public BookSync bookSync() {
        return processor.bookSync();
    }

    /** The broker the replay publishes into. */
    public Broker broker() {
        return broker;
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
        if (broker instanceof InProcessBroker local) {
            Envelope env = local.publishEnvelope(e);
            topics.put(env.topic().toString(), env.seq());
        } else {
            // an engine that numbers in its store (Redis) answers later: count the topic's messages instead
            broker.publish(e);
            topics.merge(e.topic().toString(), 1L, Long::sum);
        }
        events.merge(typeOf(e), 1L, Long::sum);
        if (e instanceof Kline k && k.closed()) {
            closedKlines.merge(k.interval().label(), 1L, Long::sum);
        }
        if (listener != null) {
            listener.accept(e);
        }
    }

    static String typeOf(MarketEvent e) {
        if (e instanceof Trade t) {
            return t.aggregated() ? "aggTrade" : "trade";
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
            deliver(event.symbol(), new FeedItem.Event(session, event));
        }

        @Override
        public void onBook(String symbol, Object message) {
            bookUpdates++;
            deliver(symbol, new FeedItem.Book(session, symbol, message));
        }

        @Override
        public void onControl(Object control) {
            controls++;
        }
    };
}
