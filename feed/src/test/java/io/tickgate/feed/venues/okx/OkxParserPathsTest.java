package io.tickgate.feed.venues.okx;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tickgate.feed.json.DecodeStatus;
import io.tickgate.feed.FrameMutations;
import io.tickgate.feed.json.FrameReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fast parser and Jackson decode every OKX frame identically — status, reason and every message — on the
 * documented payloads, compact live-style frames and thousands of broken variants; real frames never leave the fast
 * path.
 */
@Timeout(120)
class OkxParserPathsTest {

    private final OkxFrameDecoder fast = new OkxFrameDecoder();
    private final OkxFrameDecoder jackson = new OkxFrameDecoder(FrameReader.Path.JACKSON);
    /** The live path: frames as the socket's (direct) buffer holds them. */
    private final OkxFrameDecoder fromBuffer = new OkxFrameDecoder();

    static final List<String> FRAMES = List.of(OkxFrameDecoderTest.DOC_BOOKS_SNAPSHOT,
            OkxFrameDecoderTest.DOC_BOOKS_UPDATE, OkxFrameDecoderTest.DOC_BOOKS_NUMERIC,
            "{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"},\"action\":\"update\",\"data\":[{\"asks\":"
                    + "[[\"8476.98\",\"415\",\"0\",\"13\"]],\"bids\":[[\"8476.97\",\"256\",\"0\",\"12\"],[\"8475.55\","
                    + "\"0\",\"0\",\"0\"]],\"ts\":\"1597026383085\",\"checksum\":-855196043,\"prevSeqId\":123456,"
                    + "\"seqId\":123457}]}",
            "{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"},\"action\":\"update\",\"data\":[{\"asks\":[],"
                    + "\"bids\":[],\"ts\":\"1597026383085\",\"checksum\":0,\"prevSeqId\":123457,\"seqId\":123457}]}",
            OkxFrameDecoderTest.LEGACY_BOOKS_SNAPSHOT,
            "{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"},\"action\":\"update\",\"data\":[{\"asks\":"
                    + "[[\"8476.98\",\"0\",\"0\",\"0\"]],\"bids\":[],\"ts\":\"1597026383086\",\"checksum\":0}]}",
            "{\"arg\":{\"channel\":\"bbo-tbt\",\"instId\":\"ETH-USDT\"},\"data\":[{\"asks\":[[\"1845.32\",\"3.1\","
                    + "\"0\",\"2\"]],\"bids\":[[\"1845.3\",\"0.5\",\"0\",\"1\"]],\"ts\":\"1597026383085\","
                    + "\"seqId\":77}]}",
            "{\"arg\":{\"channel\":\"books5\",\"instId\":\"ETH-USDT\"},\"data\":[{\"asks\":[[\"1845.32\",\"3.1\","
                    + "\"0\",\"2\"]],\"bids\":[[\"1845.3\",\"0.5\",\"0\",\"1\"]],\"instId\":\"ETH-USDT\","
                    + "\"ts\":\"1597026383085\",\"seqId\":78}]}",
            "{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT\"},\"data\":[{\"instId\":\"BTC-USDT\","
                    + "\"tradeId\":\"130639474\",\"px\":\"42219.9\",\"sz\":\"0.12060306\",\"side\":\"buy\","
                    + "\"ts\":\"1630048897897\",\"count\":\"3\"}]}",
            "{\"arg\":{\"channel\":\"tickers\",\"instId\":\"BTC-USDT\"},\"data\":[{\"instType\":\"SPOT\","
                    + "\"instId\":\"BTC-USDT\",\"last\":\"9999.99\",\"lastSz\":\"0.1\",\"askPx\":\"9999.99\","
                    + "\"askSz\":\"11\",\"bidPx\":\"8888.88\",\"bidSz\":\"5\",\"open24h\":\"9000\","
                    + "\"high24h\":\"10000\",\"low24h\":\"8888.88\",\"volCcy24h\":\"2222\",\"vol24h\":\"2222\","
                    + "\"sodUtc0\":\"2222\",\"sodUtc8\":\"2222\",\"ts\":\"1597026383085\"}]}",
            "{\"arg\":{\"channel\":\"candle1m\",\"instId\":\"BTC-USDT\"},\"data\":[[\"1597026383085\",\"8533.02\","
                    + "\"8553.74\",\"8527.17\",\"8548.26\",\"45247\",\"529.5858061\",\"5529.5858061\",\"1\"]]}",
            "{\"event\":\"subscribe\",\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"},\"connId\":\"a4d3ae55\"}",
            "{\"event\":\"error\",\"code\":\"60012\",\"msg\":\"Invalid request\",\"connId\":\"a4d3ae55\"}",
            "{\"event\":\"notice\",\"code\":\"64008\",\"msg\":\"The connection will soon be closed\","
                    + "\"connId\":\"a4d3ae55\"}",
            "{\"arg\":{\"channel\":\"mark-price\",\"instId\":\"BTC-USDT\"},\"data\":[]}");

    @Test
    void realFramesStayOnTheFastPathAndDecodeAsWithJackson() {
        List<String> declined = new ArrayList<>();
        for (String f : FRAMES) {
            long before = fast.jacksonFallbacks();
            assertSame(f);
            if (fast.jacksonFallbacks() != before) {
                declined.add(f);
            }
        }
        assertThat(declined).as("real frames the fast parser declined").isEmpty();
    }

    @Test
    void brokenVariantsDecodeAsWithJackson() {
        Random r = new Random(5);
        int malformed = 0;
        for (String f : FRAMES) {
            for (String m : FrameMutations.of(f, r, 400)) {
                if (assertSame(m) == DecodeStatus.MALFORMED) {
                    malformed++;
                }
            }
        }
        assertThat(malformed).isGreaterThan(1_000);
        assertThat(fast.jacksonFallbacks()).isGreaterThan(1_000);
    }

    private DecodeStatus assertSame(String frame) {
        OkxFrameDecoderTest.Collect a = new OkxFrameDecoderTest.Collect();
        OkxFrameDecoderTest.Collect b = new OkxFrameDecoderTest.Collect();
        DecodeStatus sa = fast.decode(frame, a);
        DecodeStatus sb = jackson.decode(frame, b);
        assertThat(sa).as(frame).isEqualTo(sb);
        assertThat(fast.lastError()).as(frame).isEqualTo(jackson.lastError());
        assertThat(a.events.toString()).as(frame).isEqualTo(b.events.toString());
        assertThat(a.books.toString()).as(frame).isEqualTo(b.books.toString());
        assertThat(a.controls.toString()).as(frame).isEqualTo(b.controls.toString());
        OkxFrameDecoderTest.Collect c = new OkxFrameDecoderTest.Collect();
        ByteBuf buf = Unpooled.directBuffer().writeBytes(frame.getBytes(StandardCharsets.UTF_8));
        try {
            // Jackson's error text names its input (String or bytes), so only status and messages are compared
            assertThat(fromBuffer.decode(buf, c)).as(frame).isEqualTo(sa);
        } finally {
            buf.release();
        }
        assertThat(c.events.toString() + c.books + c.controls).as(frame)
                .isEqualTo(a.events.toString() + a.books + a.controls);
        return sa;
    }
}
