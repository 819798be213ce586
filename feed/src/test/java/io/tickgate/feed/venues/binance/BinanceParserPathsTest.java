package io.tickgate.feed.venues.binance;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tickgate.feed.json.DecodeStatus;
import io.tickgate.feed.FrameMutations;
import io.tickgate.feed.json.FrameReader;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fast parser and Jackson decode every Binance frame identically — status, reason and every message — on the
 * real capture, the documented payloads and thousands of broken variants of them; and real frames never leave the
 * fast path.
 */
@Timeout(120)
class BinanceParserPathsTest {

    private final BinanceFrameDecoder fast = new BinanceFrameDecoder(() -> 42L);
    private final BinanceFrameDecoder jackson = new BinanceFrameDecoder(() -> 42L, FrameReader.Path.JACKSON);
    /** The live path: frames as the socket's (direct) buffer holds them. */
    private final BinanceFrameDecoder fromBuffer = new BinanceFrameDecoder(() -> 42L);

    static List<String> realFrames() throws IOException, URISyntaxException {
        List<String> frames = new ArrayList<>();
        Path capture = Path.of(BinanceParserPathsTest.class.getResource("/fixtures/binance/BINANCE.ws.1.0").toURI());
        for (String line : Files.readAllLines(capture, StandardCharsets.UTF_8)) {
            int at = line.indexOf(": {");
            if (at > 0) {
                frames.add(line.substring(at + 2));
            }
        }
        for (String doc : List.of(BinanceFrameDecoderTest.DOC_DEPTH_UPDATE, BinanceFrameDecoderTest.DOC_TRADE,
                BinanceFrameDecoderTest.DOC_AGG_TRADE, BinanceFrameDecoderTest.DOC_KLINE,
                BinanceFrameDecoderTest.DOC_BOOK_TICKER, BinanceFrameDecoderTest.DOC_PARTIAL_DEPTH,
                BinanceFrameDecoderTest.DOC_TICKER)) {
            frames.add(io.tickgate.feed.DocPayloads.json(doc)); // pretty-printed, as documented
        }
        frames.addAll(List.of(
                "{\"result\":null,\"id\":1}",
                "{\"result\":[\"btcusdt@depth@100ms\",\"btcusdt@trade\"],\"id\":3}",
                "{\"error\":{\"code\":2,\"msg\":\"Invalid request: unknown stream\"},\"id\":7}",
                "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}",
                "{\"e\":\"serverShutdown\",\"E\":1700000000000}",
                "{\"stream\":\"!ticker@arr\",\"data\":[{\"e\":\"24hrTicker\"}]}",
                "{\"data\":{\"e\":\"trade\",\"E\":1,\"s\":\"BNBBTC\",\"t\":5,\"p\":\"0.001\",\"q\":\"100\",\"m\":false},"
                        + "\"stream\":\"bnbbtc@trade\"}"));
        return frames;
    }

    @Test
    void realFramesStayOnTheFastPathAndDecodeAsWithJackson() throws Exception {
        List<String> frames = realFrames();
        List<String> declined = new ArrayList<>();
        for (String f : frames) {
            long before = fast.jacksonFallbacks();
            assertSame(f, "btcusdt@depth5");
            if (fast.jacksonFallbacks() != before) {
                declined.add(f);
            }
        }
        assertThat(declined).as("real frames the fast parser declined").isEmpty();
    }

    @Test
    void brokenVariantsDecodeAsWithJackson() throws Exception {
        Random r = new Random(4);
        int malformed = 0;
        int fallbacks = 0;
        for (String f : realFrames()) {
            for (String m : FrameMutations.of(f, r, 60)) {
                if (assertSame(m, null) == DecodeStatus.MALFORMED) {
                    malformed++;
                }
            }
        }
        fallbacks += (int) fast.jacksonFallbacks();
        // both outcomes must occur often, or the comparison proves little
        assertThat(malformed).isGreaterThan(1_000);
        assertThat(fallbacks).isGreaterThan(1_000);
    }

    private DecodeStatus assertSame(String frame, String stream) {
        BinanceFrameDecoderTest.Collect a = new BinanceFrameDecoderTest.Collect();
        BinanceFrameDecoderTest.Collect b = new BinanceFrameDecoderTest.Collect();
        DecodeStatus sa = fast.decode(frame, stream, a);
        DecodeStatus sb = jackson.decode(frame, stream, b);
        assertThat(sa).as(frame).isEqualTo(sb);
        assertThat(fast.lastError()).as(frame).isEqualTo(jackson.lastError());
        assertThat(a.events.toString()).as(frame).isEqualTo(b.events.toString());
        assertThat(a.depth.toString()).as(frame).isEqualTo(b.depth.toString());
        assertThat(a.controls.toString()).as(frame).isEqualTo(b.controls.toString());
        if (stream == null) {
            BinanceFrameDecoderTest.Collect c = new BinanceFrameDecoderTest.Collect();
            ByteBuf buf = Unpooled.directBuffer().writeBytes(frame.getBytes(StandardCharsets.UTF_8));
            try {
                // Jackson's error text names its input (String or bytes), so only status and messages are compared
                assertThat(fromBuffer.decode(buf, c)).as(frame).isEqualTo(sa);
            } finally {
                buf.release();
            }
            assertThat(c.events.toString() + c.depth + c.controls).as(frame)
                    .isEqualTo(a.events.toString() + a.depth + a.controls);
        }
        return sa;
    }
}
