package io.tickgate.bench.jmh;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tickgate.feed.json.DecodeStatus;
import io.tickgate.feed.json.FrameParser;
import io.tickgate.feed.json.FrameReader;
import io.tickgate.feed.venues.binance.BinanceFrameDecoder;
import io.tickgate.feed.venues.binance.BinanceSink;
import io.tickgate.feed.venues.okx.OkxBookMessage;
import io.tickgate.feed.venues.okx.OkxFrameDecoder;
import io.tickgate.feed.venues.okx.OkxSink;
import io.tickgate.model.event.BookDelta;
import io.tickgate.model.event.MarketEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Frames per second through the venue decoders, one frame per operation, from text as the WebSocket delivers it
 * ({@code String}) and from UTF-8 bytes. Frames are real (see {@link ParseFrames}): single documented frames, the
 * whole Binance capture as a live-feed mix, a generated OKX mix, and, as the floor any Jackson-based decoder
 * stands on, Jackson's own tokenizer over the same frames without building anything.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class VenueParseBenchmark {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private BinanceFrameDecoder binance;
    private OkxFrameDecoder okx;
    private final FrameParser frameParser = new FrameParser();
    private BinanceFrameDecoder binanceJackson;
    private OkxFrameDecoder okxJackson;
    private byte[] binanceDepthBytes;
    private ByteBuf binanceDepthBuf;
    private byte[] okxSmallBytes;
    private String[] binanceMix;
    private String[] okxMix;
    private int binanceNext;
    private int okxNext;
    private Blackhole bh;
    private BinanceSink binanceSink;
    private OkxSink okxSink;

    @Setup
    public void setup(Blackhole blackhole) {
        bh = blackhole;
        binance = new BinanceFrameDecoder(() -> 0L);
        okx = new OkxFrameDecoder();
        binanceJackson = new BinanceFrameDecoder(() -> 0L, FrameReader.Path.JACKSON);
        okxJackson = new OkxFrameDecoder(FrameReader.Path.JACKSON);
        binanceDepthBytes = ParseFrames.BINANCE_DEPTH.getBytes(StandardCharsets.UTF_8);
        binanceDepthBuf = Unpooled.directBuffer(binanceDepthBytes.length).writeBytes(binanceDepthBytes);
        okxSmallBytes = ParseFrames.OKX_BOOKS_SMALL.getBytes(StandardCharsets.UTF_8);
        binanceSink = new BinanceSink() {
            @Override
            public void onEvent(MarketEvent event) {
                bh.consume(event);
            }

            @Override
            public void onDepthUpdate(BookDelta update) {
                bh.consume(update);
            }
        };
        okxSink = new OkxSink() {
            @Override
            public void onEvent(MarketEvent event) {
                bh.consume(event);
            }

            @Override
            public void onBook(OkxBookMessage book) {
                bh.consume(book);
            }
        };
        binanceMix = ParseFrames.binanceCapture().toArray(new String[0]);
        okxMix = ParseFrames.okxMix(1024).toArray(new String[0]);
        checkAll(List.of(ParseFrames.BINANCE_DEPTH, ParseFrames.BINANCE_TRADE), List.of(binanceMix), true);
        checkAll(List.of(ParseFrames.OKX_BOOKS_DOC, ParseFrames.OKX_BOOKS_SMALL), List.of(okxMix), false);
        if (binance.jacksonFallbacks() != 0 || okx.jacksonFallbacks() != 0) {
            throw new IllegalStateException("benchmark frames must stay on the fast path");
        }
    }

    private void checkAll(List<String> single, List<String> mix, boolean isBinance) {
        for (List<String> frames : List.of(single, mix)) {
            for (String f : frames) {
                DecodeStatus s = isBinance ? binance.decode(f, binanceSink) : okx.decode(f, okxSink);
                if (s != DecodeStatus.OK) {
                    throw new IllegalStateException("benchmark frame does not decode: " + s + " " + f);
                }
            }
        }
    }

    @TearDown
    public void release() {
        binanceDepthBuf.release();
    }

    @Benchmark
    public DecodeStatus binanceDepthUpdate() {
        return binance.decode(ParseFrames.BINANCE_DEPTH, binanceSink);
    }

    @Benchmark
    public DecodeStatus binanceDepthUpdateBytes() {
        return binance.decode(binanceDepthBytes, 0, binanceDepthBytes.length, null, binanceSink);
    }

    /** Reference: the same decoder reading the frame with Jackson's own parser. */
    @Benchmark
    public DecodeStatus binanceDepthUpdateJackson() {
        return binanceJackson.decode(ParseFrames.BINANCE_DEPTH, binanceSink);
    }

    /** The live path: the frame as the socket's direct buffer holds it (copied once into the parser's array). */
    @Benchmark
    public DecodeStatus binanceDepthUpdateByteBuf() {
        return binance.decode(binanceDepthBuf, binanceSink);
    }

    @Benchmark
    public DecodeStatus binanceTrade() {
        return binance.decode(ParseFrames.BINANCE_TRADE, binanceSink);
    }

    /** One frame of the real capture per operation, in capture order, wrapping around. */
    @Benchmark
    public DecodeStatus binanceCaptureMix() {
        String f = binanceMix[binanceNext];
        binanceNext = binanceNext + 1 == binanceMix.length ? 0 : binanceNext + 1;
        return binance.decode(f, binanceSink);
    }

    @Benchmark
    public DecodeStatus okxBooksUpdateDoc16Levels() {
        return okx.decode(ParseFrames.OKX_BOOKS_DOC, okxSink);
    }

    @Benchmark
    public DecodeStatus okxBooksUpdate3Levels() {
        return okx.decode(ParseFrames.OKX_BOOKS_SMALL, okxSink);
    }

    @Benchmark
    public DecodeStatus okxBooksUpdate3LevelsBytes() {
        return okx.decode(okxSmallBytes, 0, okxSmallBytes.length, okxSink);
    }

    /** One frame of the generated OKX mix per operation (books updates, trades, bbo-tbt). */
    @Benchmark
    public DecodeStatus okxLiveMix() {
        String f = okxMix[okxNext];
        okxNext = okxNext + 1 == okxMix.length ? 0 : okxNext + 1;
        return okx.decode(f, okxSink);
    }

    /** Reference: the OKX mix read with Jackson's own parser. */
    @Benchmark
    public DecodeStatus okxLiveMixJackson() {
        String f = okxMix[okxNext];
        okxNext = okxNext + 1 == okxMix.length ? 0 : okxNext + 1;
        return okxJackson.decode(f, okxSink);
    }

    /** Floor: Jackson alone tokenizing the Binance 3-level depth frame (create, all tokens, close). */
    @Benchmark
    public int jacksonTokensBinanceDepth() throws IOException {
        return tokens(ParseFrames.BINANCE_DEPTH);
    }

    /** Floor: Jackson alone tokenizing the OKX 16-level frame, reading every value's characters. */
    @Benchmark
    public int jacksonTokensOkxDoc16Levels() throws IOException {
        return tokens(ParseFrames.OKX_BOOKS_DOC);
    }

    /** Floor of the fast path: tickgate's FrameParser alone tokenizing the Binance 3-level depth frame. */
    @Benchmark
    public int frameParserTokensBinanceDepth() throws IOException {
        return tokens(frameParser, ParseFrames.BINANCE_DEPTH);
    }

    /** Floor of the fast path: FrameParser alone tokenizing the OKX 16-level frame. */
    @Benchmark
    public int frameParserTokensOkxDoc16Levels() throws IOException {
        return tokens(frameParser, ParseFrames.OKX_BOOKS_DOC);
    }

    static int tokens(FrameParser p, String frame) throws IOException {
        int n = 0;
        p.reset(frame);
        JsonToken t;
        while ((t = p.nextToken()) != null) {
            n += t.isScalarValue() ? p.getTextLength() : 1;
        }
        return n;
    }

    static int tokens(String frame) throws IOException {
        int n = 0;
        try (JsonParser p = JSON.createParser(frame)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                n += t.isScalarValue() ? p.getTextLength() : 1;
            }
        }
        return n;
    }
}
