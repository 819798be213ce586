package io.tickgate.bench.jmh;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The venue frames the parse benchmarks decode: single documented frames, the real Binance capture (cryptofeed,
 * BSD licence, {@code LICENSE.cryptofeed} next to it) as a live-feed mix, and a generated OKX live-feed mix.
 */
final class ParseFrames {

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

    private ParseFrames() {
    }

    /**
     * Every frame of the Binance capture in order: 265 frames over 4 symbols, 177 {@code depthUpdate} (1 to 9
     * levels per non-empty side, mostly 1-2), 84 {@code bookTicker}, 2 {@code aggTrade}, 2 {@code kline}.
     */
    static List<String> binanceCapture() {
        List<String> frames = new ArrayList<>();
        try (InputStream in = ParseFrames.class.getResourceAsStream("BINANCE.ws.1.0")) {
            if (in == null) {
                throw new IllegalStateException("BINANCE.ws.1.0 not on the classpath");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                int at = line.indexOf(": {");
                if (at > 0) {
                    frames.add(line.substring(at + 2));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return frames;
    }

    /**
     * A generated OKX live-feed mix over 4 instruments (seeded, so every run decodes the same frames): 70% books
     * updates of 1-4 levels per side with moving prices and sizes, 20% trades, 10% bbo-tbt.
     */
    static List<String> okxMix(int count) {
        String[] inst = {"BTC-USDT", "ETH-USDT", "SOL-USDT", "DOGE-USDT"};
        long[] mid = {8_476_97, 1_845_31, 23_456, 7_891};
        Random r = new Random(11);
        List<String> frames = new ArrayList<>(count);
        long seq = 123_456;
        long ts = 1_597_026_383_085L;
        for (int i = 0; i < count; i++) {
            int k = r.nextInt(inst.length);
            ts += r.nextInt(30);
            int kind = r.nextInt(10);
            StringBuilder b = new StringBuilder(256);
            if (kind < 7) {
                b.append("{\"arg\":{\"channel\":\"books\",\"instId\":\"").append(inst[k])
                        .append("\"},\"action\":\"update\",\"data\":[{\"asks\":");
                levels(b, r, mid[k] + 1, 1 + r.nextInt(4));
                b.append(",\"bids\":");
                levels(b, r, -(mid[k] - 1), 1 + r.nextInt(4));
                b.append(",\"ts\":\"").append(ts).append("\",\"checksum\":0,\"prevSeqId\":").append(seq)
                        .append(",\"seqId\":").append(++seq).append("}]}");
            } else if (kind < 9) {
                b.append("{\"arg\":{\"channel\":\"trades\",\"instId\":\"").append(inst[k])
                        .append("\"},\"data\":[{\"instId\":\"").append(inst[k]).append("\",\"tradeId\":\"")
                        .append(130_639_474 + i).append("\",\"px\":\"").append(price(mid[k] + r.nextInt(5) - 2))
                        .append("\",\"sz\":\"").append(size(r)).append("\",\"side\":\"")
                        .append(r.nextBoolean() ? "buy" : "sell").append("\",\"ts\":\"").append(ts)
                        .append("\",\"count\":\"1\"}]}");
            } else {
                b.append("{\"arg\":{\"channel\":\"bbo-tbt\",\"instId\":\"").append(inst[k])
                        .append("\"},\"data\":[{\"asks\":[[\"").append(price(mid[k] + 1)).append("\",\"")
                        .append(size(r)).append("\",\"0\",\"2\"]],\"bids\":[[\"").append(price(mid[k] - 1))
                        .append("\",\"").append(size(r)).append("\",\"0\",\"1\"]],\"ts\":\"").append(ts)
                        .append("\",\"seqId\":").append(++seq).append("}]}");
            }
            mid[k] += r.nextInt(3) - 1;
            frames.add(b.toString());
        }
        return frames;
    }

    /** Levels moving away from {@code start} (negative start: bids, descending); one in five deletes. */
    private static void levels(StringBuilder b, Random r, long start, int n) {
        b.append('[');
        long px = Math.abs(start);
        for (int j = 0; j < n; j++) {
            if (j > 0) {
                b.append(',');
            }
            String sz = r.nextInt(5) == 0 ? "0" : size(r);
            b.append("[\"").append(price(px)).append("\",\"").append(sz).append("\",\"0\",\"")
                    .append(sz.equals("0") ? 0 : 1 + r.nextInt(20)).append("\"]");
            px += start < 0 ? -(1 + r.nextInt(3)) : 1 + r.nextInt(3);
        }
        b.append(']');
    }

    /** Two decimals, trailing zeros dropped the way OKX sends them ({@code 8477}, {@code 8477.3}). */
    private static String price(long cents) {
        String s = String.format(Locale.ROOT, "%d.%02d", cents / 100, cents % 100);
        if (s.endsWith(".00")) {
            return s.substring(0, s.length() - 3);
        }
        return s.endsWith("0") ? s.substring(0, s.length() - 1) : s;
    }

    private static String size(Random r) {
        return r.nextBoolean() ? Integer.toString(1 + r.nextInt(500))
                : String.format(Locale.ROOT, "%.4f", (1 + r.nextInt(100_000)) / 10_000.0);
    }
}
