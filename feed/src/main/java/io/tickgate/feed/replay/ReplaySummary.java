package io.tickgate.feed.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;

/**
 * The outcome of a replay.
 *
 * @param venue             {@code binance} or {@code okx}
 * @param frames            frames decoded (lines that were not frames are not counted)
 * @param skippedLines      lines that were not frames
 * @param malformed         frames the decoder rejected, and {@code @} lines that do not parse
 * @param ignored           well-formed frames the adapter does not translate
 * @param controls          control messages (acks, errors, pongs)
 * @param bookUpdates       venue book messages decoded (Binance diffs, OKX books messages)
 * @param duplicates        data the processor dropped as duplicates (trade ids seen, data of a socket that did not
 *                          own its symbol)
 * @param events            events published, by type ({@code trade}, {@code ticker}, {@code kline},
 *                          {@code bookSnapshot}, {@code bookDelta}, {@code bookTop})
 * @param closedKlines      final candles published, by interval ({@code 1s}, {@code 1m}, ...)
 * @param booksSynced       books brought in sync
 * @param resyncs           resyncs started
 * @param gaps              sequence gaps (and checksum mismatches)
 * @param checksumsVerified OKX checksums that matched (every message of a checksum-only recording; a sequenced
 *                          message's when it carries one)
 * @param checksumsFailed   OKX checksums that did not (each is also a gap and a resync)
 * @param crossed           times a book became crossed
 * @param books             per symbol, the final book
 * @param topics            per topic published, its last seq (the number of messages, as the broker numbered them)
 */
public record ReplaySummary(String venue, long frames, long skippedLines, long malformed, long ignored, long controls,
                            long bookUpdates, long duplicates, SortedMap<String, Long> events,
                            SortedMap<String, Long> closedKlines, long booksSynced, long resyncs, long gaps,
                            long checksumsVerified, long checksumsFailed, long crossed, SortedMap<String, Book> books,
                            SortedMap<String, Long> topics) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One symbol's final book.
     *
     * @param synced   in sync with the venue at the end
     * @param bestBid  best bid price as the venue sent it, or null
     * @param bestAsk  best ask price, or null
     * @param bidDepth bid levels
     * @param askDepth ask levels
     * @param sequence the venue update id the book is at
     */
    public record Book(boolean synced, String bestBid, String bestAsk, int bidDepth, int askDepth, long sequence) {
    }

    /** The summary as one JSON object, fields in a stable order. */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("venue", venue);
        m.put("frames", frames);
        m.put("skippedLines", skippedLines);
        m.put("malformed", malformed);
        m.put("ignored", ignored);
        m.put("controls", controls);
        m.put("bookUpdates", bookUpdates);
        m.put("duplicates", duplicates);
        m.put("events", events);
        m.put("closedKlines", closedKlines);
        m.put("booksSynced", booksSynced);
        m.put("resyncs", resyncs);
        m.put("gaps", gaps);
        m.put("checksumsVerified", checksumsVerified);
        m.put("checksumsFailed", checksumsFailed);
        m.put("crossed", crossed);
        Map<String, Object> b = new LinkedHashMap<>();
        books.forEach((symbol, book) -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("synced", book.synced());
            one.put("bestBid", book.bestBid());
            one.put("bestAsk", book.bestAsk());
            one.put("bidDepth", book.bidDepth());
            one.put("askDepth", book.askDepth());
            one.put("sequence", book.sequence());
            b.put(symbol, one);
        });
        m.put("books", b);
        m.put("topics", topics);
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render replay summary", e);
        }
    }
}
