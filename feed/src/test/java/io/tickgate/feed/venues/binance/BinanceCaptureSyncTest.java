package io.tickgate.feed.venues.binance;

import io.tickgate.model.venue.Venue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickgate.feed.json.DecodeStatus;
import io.tickgate.feed.replay.CaptureSnapshotSource;
import io.tickgate.model.book.OrderBook;
import io.tickgate.model.event.BookDelta;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.event.PriceLevel;
import io.tickgate.feed.venues.binance.BinanceBookSync;
import io.tickgate.processing.book.BookSyncConfig;
import io.tickgate.processing.book.BookSyncCounters;
import io.tickgate.processing.book.SyncStatus;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real Binance capture (cryptofeed sample data, 2021-10-12) through the live decoder and book sync, checked
 * against a straightforward recomputation that shares no code with them (Jackson tree + TreeMap of BigDecimal).
 */
@Timeout(60)
class BinanceCaptureSyncTest {

    static Path fixture(String name) throws URISyntaxException {
        return Path.of(BinanceCaptureSyncTest.class.getResource("/fixtures/binance/" + name).toURI());
    }

    /** The reference: for each symbol, snapshot then every diff with u > lastUpdateId, asserting continuity. */
    static final class Reference {
        final NavigableMap<BigDecimal, List<String>> bids = new TreeMap<>(Collections.reverseOrder());
        final NavigableMap<BigDecimal, List<String>> asks = new TreeMap<>();
        long lastUpdateId;
        long prevU = -1;
        int applied;

        void apply(JsonNode levels, NavigableMap<BigDecimal, List<String>> side) {
            for (JsonNode l : levels) {
                BigDecimal px = new BigDecimal(l.get(0).asText());
                BigDecimal qty = new BigDecimal(l.get(1).asText());
                if (qty.signum() == 0) {
                    side.remove(px);
                } else {
                    side.put(px, List.of(l.get(0).asText(), l.get(1).asText()));
                }
            }
        }

        /** Levels best first as [price, size] exactly as the venue wrote them. */
        static List<List<String>> levels(NavigableMap<BigDecimal, List<String>> side) {
            return new ArrayList<>(side.values());
        }
    }

    @Test
    void theCaptureSyncsWithoutGapsAndMatchesAnIndependentRecomputation() throws Exception {
        ObjectMapper json = new ObjectMapper();
        // ---- independent recomputation
        Map<String, Reference> ref = new LinkedHashMap<>();
        for (String line : Files.readAllLines(fixture("BINANCE.http.0.0"), StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            String symbol = line.substring(line.indexOf("symbol=") + 7, line.indexOf("&limit"));
            JsonNode body = json.readTree(line.substring(line.indexOf(": ", line.indexOf(" -> ")) + 2));
            Reference r = new Reference();
            r.lastUpdateId = body.get("lastUpdateId").asLong();
            r.apply(body.get("bids"), r.bids);
            r.apply(body.get("asks"), r.asks);
            ref.put(symbol, r);
        }
        assertThat(ref).containsOnlyKeys("NKNUSDT", "BLZETH", "LRCBTC", "RUNEEUR");
        List<String> wsLines = Files.readAllLines(fixture("BINANCE.ws.1.0"), StandardCharsets.UTF_8);
        for (String line : wsLines.subList(1, wsLines.size())) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode data = json.readTree(line.substring(line.indexOf(": ") + 2)).get("data");
            if (!"depthUpdate".equals(data.path("e").asText())) {
                continue;
            }
            Reference r = ref.get(data.get("s").asText());
            long first = data.get("U").asLong();
            long last = data.get("u").asLong();
            if (last <= r.lastUpdateId) {
                continue;
            }
            if (r.prevU < 0) {
                assertThat(first).isLessThanOrEqualTo(r.lastUpdateId + 1);
            } else {
                assertThat(first).isEqualTo(r.prevU + 1);
            }
            r.prevU = last;
            r.applied++;
            r.apply(data.get("b"), r.bids);
            r.apply(data.get("a"), r.asks);
        }

        // ---- the live code
        BookSyncCounters counters = new BookSyncCounters();
        List<MarketEvent> published = new ArrayList<>();
        BinanceBookSync sync = new BinanceBookSync(CaptureSnapshotSource.read(fixture("BINANCE.http.0.0"), Venue.BINANCE),
                Runnable::run, published::add, counters, BookSyncConfig.defaults());
        BinanceFrameDecoder decoder = new BinanceFrameDecoder(() -> 0L);
        Map<String, List<SyncStatus>> statuses = new HashMap<>();
        Map<String, List<BookDelta>> diffs = new HashMap<>();
        BinanceSink sink = new BinanceSink() {
            @Override
            public void onEvent(MarketEvent event) {
            }

            @Override
            public void onDepthUpdate(BookDelta update) {
                diffs.computeIfAbsent(update.symbol(), s -> new ArrayList<>()).add(update);
                statuses.computeIfAbsent(update.symbol(), s -> new ArrayList<>()).add(sync.onDepthUpdate(update));
            }
        };
        for (String line : wsLines.subList(1, wsLines.size())) {
            if (!line.isBlank()) {
                assertThat(decoder.decode(line.substring(line.indexOf(": ") + 2), sink)).isEqualTo(DecodeStatus.OK);
            }
        }

        // the first NKNUSDT event (U 499869750, u 499869752) is discarded; application starts at U 499869753
        assertThat(diffs.get("NKNUSDT").get(0).firstSequence()).isEqualTo(499869750L);
        // buffered, then dropped against the snapshot (u 499869752 <= lastUpdateId 499869752)
        assertThat(statuses.get("NKNUSDT").get(0)).isEqualTo(SyncStatus.BUFFERED);
        assertThat(counters.stale()).isEqualTo(5); // NKNUSDT 1, BLZETH 1, LRCBTC 2, RUNEEUR 1
        assertThat(diffs.get("NKNUSDT").get(1).firstSequence()).isEqualTo(499869753L);
        assertThat(statuses.get("NKNUSDT").get(1)).isEqualTo(SyncStatus.SYNCED);
        assertThat(statuses.get("NKNUSDT").subList(2, 150)).containsOnly(SyncStatus.APPLIED);
        BookSnapshot firstPublished = (BookSnapshot) published.stream()
                .filter(e -> e instanceof BookSnapshot && e.symbol().equals("NKNUSDT")).findFirst().orElseThrow();
        assertThat(firstPublished.sequence()).isEqualTo(499869754L);

        assertThat(counters.gaps()).isZero();
        assertThat(counters.resyncs()).isZero();
        assertThat(counters.booksSynced()).isEqualTo(4);
        for (Map.Entry<String, Reference> e : ref.entrySet()) {
            String symbol = e.getKey();
            Reference r = e.getValue();
            assertThat(sync.isSynced(symbol)).as(symbol).isTrue();
            OrderBook book = sync.book(symbol);
            assertThat(book.sequence()).as(symbol).isEqualTo(r.prevU);
            assertThat(texts(book.bids(Integer.MAX_VALUE))).as(symbol + " bids").isEqualTo(Reference.levels(r.bids));
            assertThat(texts(book.asks(Integer.MAX_VALUE))).as(symbol + " asks").isEqualTo(Reference.levels(r.asks));
            assertThat(r.bids).isNotEmpty();
        }
        assertThat(ref.get("NKNUSDT").applied).isEqualTo(149);
        assertThat(published.stream().filter(e -> e instanceof BookDelta).count())
                .isEqualTo(ref.values().stream().mapToLong(r -> r.applied - 1).sum());
    }

    private static List<List<String>> texts(List<PriceLevel> levels) {
        List<List<String>> out = new ArrayList<>();
        for (PriceLevel l : levels) {
            out.add(List.of(l.price().toString(), l.size().toString()));
        }
        return out;
    }
}
