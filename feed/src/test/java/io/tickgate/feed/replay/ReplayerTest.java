package io.tickgate.feed.replay;

import io.tickgate.model.topic.Channel;

import io.tickgate.processing.book.BookSyncConfig;

import io.tickgate.feed.pipeline.ProcessorConfig;

import io.tickgate.model.venue.Venue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import io.tickgate.model.event.Kline;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.event.Trade;
import io.tickgate.model.event.TradeGap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ReplayerTest {

    static Path fixture(String name) throws Exception {
        return Path.of(ReplayerTest.class.getResource("/fixtures/binance/" + name).toURI());
    }

    @Test
    void binanceCaptureWithRecordedSnapshots() throws Exception {
        List<MarketEvent> published = new ArrayList<>();
        // the capture subscribed aggTrade streams (no raw trades): a live pool subscribing only aggTrade builds its
        // candles from aggregated trades, so the replay runs with that setting
        ProcessorConfig aggTradeCandles = new ProcessorConfig(65_536, ProcessorConfig.defaults().klineIntervals(),
                BookSyncConfig.defaults(), Channel.AGG_TRADE);
        Replayer replayer = new Replayer(Venue.BINANCE, aggTradeCandles,
                CaptureSnapshotSource.read(fixture("BINANCE.http.0.0"), Venue.BINANCE), null, published::add);
        ReplaySummary s = replayer.replay(fixture("BINANCE.ws.1.0"));
        assertThat(s.frames()).isEqualTo(265);
        assertThat(s.skippedLines()).isEqualTo(1); // the connection URL line
        assertThat(s.malformed()).isZero();
        assertThat(s.bookUpdates()).isEqualTo(177);
        assertThat(s.booksSynced()).isEqualTo(4);
        assertThat(s.gaps()).isZero();
        assertThat(s.resyncs()).isZero();
        // Through the processor, candles are built from the capture's two (aggregated) trades: per trade an update of
        // the open 1s, 1m, 5m, 15m, 1h, 4h and 1d candle (14), and on the recorded clock the 1s candles closed a second
        // later and the 1m candles at 00:29:00 UTC (the capture runs to 00:29:02): 18. The venue's own kline_1m frames
        // are not published, as live (the 1m candle is built here).
        assertThat(s.events()).containsEntry("aggTrade", 2L).containsEntry("kline", 18L)
                .containsEntry("bookSnapshot", 4L).containsEntry("bookDelta", 168L);
        assertThat(s.closedKlines()).containsExactlyInAnyOrderEntriesOf(Map.of("1s", 2L, "1m", 2L));
        List<Kline> closed = published.stream().filter(e -> e instanceof Kline k && k.closed())
                .map(e -> (Kline) e).toList();
        assertThat(closed).extracting(k -> k.symbol() + " " + k.interval().label() + " " + k.openTime() + " "
                        + k.open() + " " + k.high() + " " + k.low() + " " + k.close() + " " + k.volume() + " "
                        + k.trades() + " " + k.timestamp())
                .containsExactly(
                        // the aggTrade at 1633998523963 (0.35280000 x 58), closed by the processor's first tick
                        // (every 250 ms of recorded time, as live) at or after the candle's end plus the 1 s grace
                        "NKNUSDT 1s 1633998523000 0.35280000 0.35280000 0.35280000 0.35280000 58 1 1633998525169",
                        "LRCBTC 1s 1633998534000 0.00000638 0.00000638 0.00000638 0.00000638 177 1 1633998536275",
                        "LRCBTC 1m 1633998480000 0.00000638 0.00000638 0.00000638 0.00000638 177 1 1633998541277",
                        "NKNUSDT 1m 1633998480000 0.35280000 0.35280000 0.35280000 0.35280000 58 1 1633998541277");
        // seqs per topic, as the broker numbered them
        assertThat(s.topics()).containsEntry("binance.NKNUSDT.aggTrade", 1L)
                .containsEntry("binance.NKNUSDT.kline.1s", 2L).containsEntry("binance.NKNUSDT.kline.1h", 1L)
                .doesNotContainKey("binance.NKNUSDT.trade").doesNotContainKey("binance.BLZETH.aggTrade");
        assertThat(s.topics().get("binance.NKNUSDT.book")).isEqualTo(published.stream()
                .filter(e -> e.topic().toString().equals("binance.NKNUSDT.book")).count());
        assertThat(s.duplicates()).isZero();
        assertThat(s.books()).containsOnlyKeys("NKNUSDT", "BLZETH", "LRCBTC", "RUNEEUR");
        assertThat(s.books().values()).allMatch(ReplaySummary.Book::synced);
        ReplaySummary.Book nkn = s.books().get("NKNUSDT");
        assertThat(nkn.bestBid()).isNotNull();
        assertThat(nkn.sequence()).isEqualTo(replayer.bookSync().book("NKNUSDT").sequence());

        JsonNode json = new ObjectMapper().readTree(s.toJson());
        assertThat(json.get("venue").asText()).isEqualTo("binance");
        assertThat(json.get("frames").asLong()).isEqualTo(265);
        assertThat(json.get("books").get("NKNUSDT").get("bestBid").asText()).isEqualTo(nkn.bestBid());
    }

    @Test
    void binanceWithoutSnapshotsLeavesBooksUnsynced() throws Exception {
        ReplaySummary s = new Replayer(Venue.BINANCE, null, null).replay(fixture("BINANCE.ws.1.0"));
        assertThat(s.frames()).isEqualTo(265);
        assertThat(s.booksSynced()).isZero();
        assertThat(s.books().values()).noneMatch(ReplaySummary.Book::synced);
        assertThat(s.books().get("NKNUSDT").bestBid()).isNull();
        assertThat(s.events()).doesNotContainKey("bookDelta").containsEntry("aggTrade", 2L);
    }

    @Test
    void binanceIdsGoneBackwardsResyncOnTheRecordedClockNotTheReplaysClock(@TempDir Path dir) throws Exception {
        // A venue that restarted its update ids: 400 diffs, 100 ms apart in the recording (40 s), all older than the
        // book. Live, the symbol resyncs after 30 s of them; replayed in a few milliseconds, the same must happen.
        long t0 = 1_700_000_000_000L;
        List<String> lines = new ArrayList<>(List.of("# tickgate recording v1 venue=binance", "@socket 1"));
        lines.add(binanceFrame(t0, 1_000, 1_000));
        lines.add(binanceFrame(t0 + 100, 1_001, 1_001));
        for (int i = 1; i <= 400; i++) {
            lines.add(binanceFrame(t0 + 100 + 100L * i, i, i));
        }
        Path frames = dir.resolve("binance.frames");
        Files.write(frames, lines, StandardCharsets.UTF_8);
        Path http = dir.resolve("binance.http");
        String url = "https://api.binance.com/api/v3/depth?symbol=BTCUSDT&limit=1000 -> ";
        Files.write(http, List.of(
                url + "1700000000.050: {\"lastUpdateId\":1000,\"bids\":[[\"100.0\",\"1\"]],\"asks\":[[\"101.0\",\"1\"]]}",
                url + "1700000040.000: {\"lastUpdateId\":395,\"bids\":[[\"100.0\",\"1\"]],\"asks\":[[\"101.0\",\"1\"]]}"),
                StandardCharsets.UTF_8);
        ReplaySummary s = new Replayer(Venue.BINANCE, CaptureSnapshotSource.read(http, Venue.BINANCE), null)
                .replay(frames);
        assertThat(s.malformed()).isZero();
        assertThat(s.resyncs()).as("the 30 s stale-diff rule on the recorded clock").isEqualTo(1);
        assertThat(s.booksSynced()).isEqualTo(2);
    }

    private static String binanceFrame(long millis, long firstId, long lastId) {
        return String.format("%d.%03d: ", millis / 1000, millis % 1000)
                + "{\"stream\":\"btcusdt@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":" + millis
                + ",\"s\":\"BTCUSDT\",\"U\":" + firstId + ",\"u\":" + lastId
                + ",\"b\":[[\"100.0\",\"2\"]],\"a\":[]}}";
    }

    private static String okxTrade(String id, String px, long ts) {
        return "{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT\"},\"data\":[{\"instId\":\"BTC-USDT\","
                + "\"tradeId\":\"" + id + "\",\"px\":\"" + px + "\",\"sz\":\"0.5\",\"side\":\"buy\",\"ts\":\"" + ts
                + "\"}]}";
    }

    @Test
    void recordedSocketsAndMarkersRouteAndDeduplicateAsLive(@TempDir Path dir) throws Exception {
        Path frames = dir.resolve("okx.frames");
        Files.write(frames, List.of(
                "# tickgate recording v1 venue=okx",
                "@own 1 BTC-USDT",
                "@socket 1",
                "1700000000.000: " + okxTrade("100", "10", 1_700_000_000_000L),
                "1700000000.010: " + okxTrade("101", "11", 1_700_000_000_010L),
                "@candidate 2 BTC-USDT",      // make-before-break: socket 2's data is held
                "@socket 2",
                "1700000000.020: " + okxTrade("101", "11", 1_700_000_000_010L),
                "1700000000.030: " + okxTrade("102", "12", 1_700_000_000_030L),
                "@socket 1",
                "1700000000.031: " + okxTrade("102", "12", 1_700_000_000_030L),
                "@handoff 1 2 BTC-USDT",      // 2 takes over: its held 101 and 102 are duplicates
                "@socket 2",
                "1700000000.040: " + okxTrade("103", "13", 1_700_000_000_040L),
                "@socket 1",
                "1700000000.041: " + okxTrade("103", "13", 1_700_000_000_040L)), // a replaced socket's leftover
                StandardCharsets.UTF_8);
        List<String> trades = new ArrayList<>();
        ReplaySummary s = new Replayer(Venue.OKX, null, e -> {
            if (e instanceof Trade t) {
                trades.add(t.tradeId());
            }
        }).replay(frames);
        assertThat(trades).containsExactly("100", "101", "102", "103");
        assertThat(s.topics()).containsEntry("okx.BTC-USDT.trade", 4L);
        assertThat(s.duplicates()).isEqualTo(3);
        assertThat(s.frames()).isEqualTo(7);
        assertThat(s.malformed()).isZero();
        assertThat(s.skippedLines()).isEqualTo(1);
    }

    @Test
    void truncatedAndGarbledLinesAreCountedNotFatal(@TempDir Path dir) throws Exception {
        String good = okxTrade("200", "20", 1_700_000_000_000L);
        Path frames = dir.resolve("okx.frames");
        Files.write(frames, List.of(
                "# tickgate recording v1 venue=okx",
                "1700000000.000: " + good,
                "1700000000.100: " + good.substring(0, good.length() / 2),       // truncated (disk full, crash)
                "17000x0.2: " + okxTrade("201", "21", 1_700_000_000_200L),      // garbled time: not a frame line
                "@own banana BTC-USDT",                                          // garbled marker
                "@socket",
                "\u0000\u0000garbage",
                "1700000000.300: " + okxTrade("202", "22", 1_700_000_000_300L)), StandardCharsets.UTF_8);
        List<String> trades = new ArrayList<>();
        ReplaySummary s = new Replayer(Venue.OKX, null, e -> {
            if (e instanceof Trade t) {
                trades.add(t.tradeId());
            } else if (e instanceof TradeGap g) {
                trades.add("gap " + g.fromId() + ".." + g.toId() + " " + g.reason().wireName());
            }
        }).replay(frames);
        // the garbled line's trade 201 is lost: a replay has no REST history, so the hole is announced
        assertThat(trades).containsExactly("200", "gap 201..201 no_history", "202");
        assertThat(s.frames()).isEqualTo(3);
        assertThat(s.malformed()).isEqualTo(3); // the truncated frame and the two bad marker lines
        assertThat(s.skippedLines()).isEqualTo(3);
        assertThat(s.topics()).containsEntry("okx.BTC-USDT.trade", 3L);
    }

    @Test
    void okxFramesSyncAndAHoleIsCountedAsAGap(@TempDir Path dir) throws Exception {
        String arg = "\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"}";
        Path frames = dir.resolve("okx.frames");
        Files.write(frames, List.of(
                "# recorded by hand from the OKX docs' examples",
                "1700000000.1: {\"event\":\"subscribe\"," + arg + ",\"connId\":\"a4d3ae55\"}",
                "1700000000.2: {" + arg + ",\"action\":\"snapshot\",\"data\":[{\"asks\":[[\"3366.8\",\"9\",\"0\",\"3\"],"
                        + "[\"3368\",\"8\",\"0\",\"4\"]],\"bids\":[[\"3366.1\",\"7\",\"0\",\"3\"],[\"3366\",\"6\",\"0\","
                        + "\"4\"]],\"ts\":\"1597026383085\",\"checksum\":-1881014294,\"prevSeqId\":-1,\"seqId\":10}]}",
                "{" + arg + ",\"action\":\"update\",\"data\":[{\"asks\":[],\"bids\":[[\"3366\",\"0\",\"0\",\"0\"]],"
                        + "\"ts\":\"1597026383086\",\"checksum\":0,\"prevSeqId\":10,\"seqId\":15}]}",
                "{" + arg + ",\"action\":\"update\",\"data\":[{\"asks\":[],\"bids\":[],"
                        + "\"ts\":\"1597026383087\",\"checksum\":0,\"prevSeqId\":15,\"seqId\":15}]}",
                "{" + arg + ",\"action\":\"update\",\"data\":[{\"asks\":[],\"bids\":[[\"3366.2\",\"1\",\"0\",\"1\"]],"
                        + "\"ts\":\"1597026383088\",\"checksum\":0,\"prevSeqId\":20,\"seqId\":25}]}",
                "pong",
                "{\"not\":\"okx\"",
                "1700000001.0: {\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT\"},\"data\":[{\"instId\":"
                        + "\"BTC-USDT\",\"tradeId\":\"130639474\",\"px\":\"42219.9\",\"sz\":\"0.12060306\","
                        + "\"side\":\"buy\",\"ts\":\"1630048897897\"}]}"), StandardCharsets.UTF_8);
        ReplaySummary s = new Replayer(Venue.OKX, null, null).replay(frames);
        assertThat(s.frames()).isEqualTo(8);
        assertThat(s.skippedLines()).isEqualTo(1);
        assertThat(s.malformed()).isEqualTo(1);
        assertThat(s.controls()).isEqualTo(2);
        assertThat(s.bookUpdates()).isEqualTo(4);
        assertThat(s.checksumsVerified()).isEqualTo(1);
        assertThat(s.gaps()).isEqualTo(1);
        assertThat(s.resyncs()).isEqualTo(1);
        assertThat(s.booksSynced()).isEqualTo(1);
        assertThat(s.events()).containsEntry("trade", 1L).containsEntry("bookSnapshot", 1L)
                .containsEntry("bookDelta", 1L);
        assertThat(s.books().get("BTC-USDT").synced()).isFalse();
    }

    private static int crc32(String interleaved) {
        CRC32 crc = new CRC32();
        crc.update(interleaved.getBytes(StandardCharsets.US_ASCII));
        return (int) crc.getValue();
    }

    /** A {@code books} frame as OKX sent it before seqId/prevSeqId existed (levels: price, size). */
    private static String legacyBooks(String instId, String action, String bids, String asks, int checksum) {
        return "{\"arg\":{\"channel\":\"books\",\"instId\":\"" + instId + "\"},\"action\":\"" + action
                + "\",\"data\":[{\"asks\":[" + asks + "],\"bids\":[" + bids + "],\"ts\":\"1597026383085\","
                + "\"checksum\":" + checksum + "}]}";
    }

    private static String level(String price, String size) {
        return "[\"" + price + "\",\"" + size + "\",\"0\",\"1\"]";
    }

    @Test
    void okxChecksumOnlyRecordingSyncsVerifiesAndResyncsOnACorruptedLevel(@TempDir Path dir) throws Exception {
        Path frames = dir.resolve("okx-legacy.frames");
        Files.write(frames, List.of(
                "1600000000.0: {\"event\":\"subscribe\",\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"}}",
                // the docs' checksum example: "3366.1:7:3366.8:9:3366:6:3368:8" -> -1881014294
                "1600000000.1: " + legacyBooks("BTC-USDT", "snapshot",
                        level("3366.1", "7") + "," + level("3366", "6"),
                        level("3366.8", "9") + "," + level("3368", "8"), -1881014294),
                "1600000000.2: " + legacyBooks("BTC-USDT", "update", level("3366", "0"), "",
                        crc32("3366.1:7:3366.8:9:3368:8")),
                // the older docs' odd example: "3366.1:7:3366.8:9:3368:8:3372:8" -> 831078360
                "1600000000.3: " + legacyBooks("BTC-USDT", "update", "", level("3372", "8"), 831078360),
                // corrupted on the way: bid 3366.1 went to 5 at the venue (its checksum), 8 arrived
                "1600000000.4: " + legacyBooks("BTC-USDT", "update", level("3366.1", "8"), "",
                        crc32("3366.1:5:3366.8:9:3368:8:3372:8")),
                // dropped until the resubscription's snapshot
                "1600000000.5: " + legacyBooks("BTC-USDT", "update", "", level("3368", "0"),
                        crc32("3366.1:8:3366.8:9:3372:8")),
                "1600000000.6: " + legacyBooks("BTC-USDT", "snapshot", level("3366.1", "5"),
                        level("3366.8", "9") + "," + level("3368", "8") + "," + level("3372", "8"),
                        crc32("3366.1:5:3366.8:9:3368:8:3372:8")),
                "1600000000.7: " + legacyBooks("BTC-USDT", "update", "", level("3368", "0"),
                        crc32("3366.1:5:3366.8:9:3372:8")),
                // a book whose CRC32 is 0 (OkxBookSyncTest says how it was found): "checksum":0 verifies
                "1600000000.8: " + legacyBooks("ETH-USDT", "snapshot",
                        level("3366.1", "7") + "," + level("3366", "6"),
                        level("3366.8", "9") + "," + level("3368", "123057750260"), 0)),
                StandardCharsets.UTF_8);
        assertThat(crc32("3366.1:7:3366.8:9:3366:6:3368:123057750260")).isZero();

        ReplaySummary s = new Replayer(Venue.OKX, null, null).replay(frames);
        assertThat(s.frames()).isEqualTo(9);
        assertThat(s.malformed()).isZero();
        assertThat(s.controls()).isEqualTo(1);
        assertThat(s.bookUpdates()).isEqualTo(8);
        assertThat(s.booksSynced()).isEqualTo(3);
        assertThat(s.checksumsVerified()).isEqualTo(6);
        assertThat(s.checksumsFailed()).isEqualTo(1);
        assertThat(s.gaps()).isEqualTo(1);
        assertThat(s.resyncs()).isEqualTo(1);
        assertThat(s.events()).containsEntry("bookSnapshot", 3L).containsEntry("bookDelta", 3L);
        assertThat(s.books().get("BTC-USDT"))
                .isEqualTo(new ReplaySummary.Book(true, "3366.1", "3366.8", 1, 2, 0));
        assertThat(s.books().get("ETH-USDT").synced()).isTrue();

        JsonNode json = new ObjectMapper().readTree(s.toJson());
        assertThat(json.get("checksumsVerified").asLong()).isEqualTo(6);
        assertThat(json.get("checksumsFailed").asLong()).isEqualTo(1);
        assertThat(json.get("books").get("BTC-USDT").get("synced").asBoolean()).isTrue();
    }

    @Test
    void captureLines() {
        assertThat(CaptureLines.frameOf("1633998512.0633569: {\"a\":1}")).isEqualTo("{\"a\":1}");
        assertThat(CaptureLines.frameOf("{\"a\":1}")).isEqualTo("{\"a\":1}");
        assertThat(CaptureLines.frameOf("wss://stream.binance.com:9443/stream?streams=x <-> 1633998511.159679"))
                .isNull();
        assertThat(CaptureLines.frameOf("")).isNull();
        assertThat(CaptureLines.frameOf("12: ")).isNull();
        assertThat(CaptureLines.frameOf("@socket 3")).isNull();
        assertThat(CaptureLines.parse("1700000000.123: {}").millis()).isEqualTo(1_700_000_000_123L);
        assertThat(CaptureLines.parse("1633998512.0633569: {}").millis()).isEqualTo(1_633_998_512_063L);
        assertThat(CaptureLines.parse("@handoff -1 4 A,B")).isEqualTo(new CaptureLines.Line(CaptureLines.Kind.HANDOFF,
                -1, null, -1, 4, List.of("A", "B")));
        assertThat(CaptureLines.parse("@own 0 A").kind()).isEqualTo(CaptureLines.Kind.BAD);
        assertThat(CaptureSnapshotSource.symbolOf("https://api.binance.com/api/v3/depth?symbol=NKNUSDT&limit=1000"))
                .isEqualTo("NKNUSDT");
    }
}
