package io.tickgate.feed.replay;

import io.tickgate.model.venue.Venue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        Replayer replayer = new Replayer(Venue.BINANCE,
                CaptureSnapshotSource.read(fixture("BINANCE.http.0.0"), Venue.BINANCE), null);
        ReplaySummary s = replayer.replay(fixture("BINANCE.ws.1.0"));
        assertThat(s.frames()).isEqualTo(265);
        assertThat(s.skippedLines()).isEqualTo(1); // the connection URL line
        assertThat(s.malformed()).isZero();
        assertThat(s.bookUpdates()).isEqualTo(177);
        assertThat(s.booksSynced()).isEqualTo(4);
        assertThat(s.gaps()).isZero();
        assertThat(s.resyncs()).isZero();
        assertThat(s.events()).containsEntry("trade", 2L).containsEntry("kline", 2L)
                .containsEntry("bookSnapshot", 4L).containsEntry("bookDelta", 168L);
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
        assertThat(s.events()).doesNotContainKey("bookDelta").containsEntry("trade", 2L);
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
        assertThat(CaptureSnapshotSource.symbolOf("https://api.binance.com/api/v3/depth?symbol=NKNUSDT&limit=1000"))
                .isEqualTo("NKNUSDT");
    }
}
