package io.tickgate.bench.jmh;

import io.tickgate.feed.DecodeStatus;
import io.tickgate.feed.binance.BinanceFrameDecoder;
import io.tickgate.feed.binance.BinanceSink;
import io.tickgate.feed.okx.OkxBookMessage;
import io.tickgate.feed.okx.OkxFrameDecoder;
import io.tickgate.feed.okx.OkxSink;
import io.tickgate.model.event.BookDelta;
import io.tickgate.model.event.MarketEvent;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Frames per second through the venue decoders, one frame per operation, from text as the WebSocket delivers it
 * ({@code String}) and from UTF-8 bytes. Frames are real: the Binance ones from the cryptofeed capture, the OKX
 * update from the OKX docs (16 levels) plus a typical 3-level update.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class VenueParseBenchmark {

    /** A combined-stream diff-depth frame from the capture: 3 bids, 0 asks (the capture's median is 1-3 levels). */
    static final String BINANCE_DEPTH = "{\"stream\":\"nknusdt@depth@100ms\",\"data\":{\"e\":\"depthUpdate\","
            + "\"E\":1633998512068,\"s\":\"NKNUSDT\",\"U\":499869750,\"u\":499869752,\"b\":[[\"0.35130000\","
            + "\"6195.00000000\"],[\"0.34750000\",\"5548.00000000\"],[\"0.34640000\",\"6222.00000000\"]],\"a\":[]}}";

    /** The Binance docs' trade payload in a combined envelope. */
    static final String BINANCE_TRADE = "{\"stream\":\"bnbbtc@trade\",\"data\":{\"e\":\"trade\",\"E\":1672515782136,"
            + "\"s\":\"BNBBTC\",\"t\":12345,\"p\":\"0.001\",\"q\":\"100\",\"T\":1672515782136,\"m\":true,"
            + "\"M\":true}}";

    /** The OKX docs' books update (8 bids, 8 asks). */
    static final String OKX_BOOKS_DOC = "{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"},\"action\":\"update\","
            + "\"data\":[{\"asks\":[[\"8476.98\",\"415\",\"0\",\"13\"],[\"8477\",\"7\",\"0\",\"2\"],[\"8477.34\",\"85\","
            + "\"0\",\"1\"],[\"8477.56\",\"1\",\"0\",\"1\"],[\"8505.84\",\"8\",\"0\",\"1\"],[\"8506.37\",\"85\",\"0\","
            + "\"1\"],[\"8506.49\",\"2\",\"0\",\"1\"],[\"8506.96\",\"100\",\"0\",\"2\"]],\"bids\":[[\"8476.97\",\"256\","
            + "\"0\",\"12\"],[\"8475.55\",\"101\",\"0\",\"1\"],[\"8475.54\",\"100\",\"0\",\"1\"],[\"8475.3\",\"1\",\"0\","
            + "\"1\"],[\"8447.32\",\"6\",\"0\",\"1\"],[\"8447.02\",\"246\",\"0\",\"1\"],[\"8446.83\",\"24\",\"0\",\"1\"],"
            + "[\"8446\",\"95\",\"0\",\"3\"]],\"ts\":\"1597026383085\",\"checksum\":-855196043,\"prevSeqId\":123456,"
            + "\"seqId\":123457}]}";

    /** A typical 100 ms OKX books update: 2 bids, 1 ask. */
    static final String OKX_BOOKS_SMALL = "{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"},\"action\":"
            + "\"update\",\"data\":[{\"asks\":[[\"8476.98\",\"415\",\"0\",\"13\"]],\"bids\":[[\"8476.97\",\"256\",\"0\","
            + "\"12\"],[\"8475.55\",\"0\",\"0\",\"0\"]],\"ts\":\"1597026383085\",\"checksum\":0,\"prevSeqId\":123456,"
            + "\"seqId\":123457}]}";

    private BinanceFrameDecoder binance;
    private OkxFrameDecoder okx;
    private byte[] binanceDepthBytes;
    private byte[] okxSmallBytes;
    private Blackhole bh;
    private BinanceSink binanceSink;
    private OkxSink okxSink;

    @Setup
    public void setup(Blackhole blackhole) {
        bh = blackhole;
        binance = new BinanceFrameDecoder(() -> 0L);
        okx = new OkxFrameDecoder();
        binanceDepthBytes = BINANCE_DEPTH.getBytes(StandardCharsets.UTF_8);
        okxSmallBytes = OKX_BOOKS_SMALL.getBytes(StandardCharsets.UTF_8);
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
        check(binance.decode(BINANCE_DEPTH, binanceSink));
        check(binance.decode(BINANCE_TRADE, binanceSink));
        check(okx.decode(OKX_BOOKS_DOC, okxSink));
        check(okx.decode(OKX_BOOKS_SMALL, okxSink));
    }

    private static void check(DecodeStatus s) {
        if (s != DecodeStatus.OK) {
            throw new IllegalStateException("benchmark frame does not decode: " + s);
        }
    }

    @Benchmark
    public DecodeStatus binanceDepthUpdate() {
        return binance.decode(BINANCE_DEPTH, binanceSink);
    }

    @Benchmark
    public DecodeStatus binanceDepthUpdateBytes() {
        return binance.decode(binanceDepthBytes, 0, binanceDepthBytes.length, null, binanceSink);
    }

    @Benchmark
    public DecodeStatus binanceTrade() {
        return binance.decode(BINANCE_TRADE, binanceSink);
    }

    @Benchmark
    public DecodeStatus okxBooksUpdateDoc16Levels() {
        return okx.decode(OKX_BOOKS_DOC, okxSink);
    }

    @Benchmark
    public DecodeStatus okxBooksUpdate3Levels() {
        return okx.decode(OKX_BOOKS_SMALL, okxSink);
    }

    @Benchmark
    public DecodeStatus okxBooksUpdate3LevelsBytes() {
        return okx.decode(okxSmallBytes, 0, okxSmallBytes.length, okxSink);
    }
}
