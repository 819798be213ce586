package io.tickgate.feed.venues.binance;

import static io.tickgate.feed.DocPayloads.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickgate.feed.json.DecodeStatus;
import io.tickgate.feed.json.MalformedFrameException;
import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.BookDelta;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.BookTop;
import io.tickgate.model.event.Kline;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.event.PriceLevel;
import io.tickgate.model.event.Side;
import io.tickgate.model.event.Ticker;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Interval;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Payloads are the Binance spot docs' examples (web-socket-streams.md, rest-api.md) verbatim, comments stripped. */
@Timeout(30)
class BinanceFrameDecoderTest {

    static final class Collect implements BinanceSink {
        final List<MarketEvent> events = new ArrayList<>();
        final List<BookDelta> depth = new ArrayList<>();
        final List<BinanceControl> controls = new ArrayList<>();

        @Override
        public void onEvent(MarketEvent event) {
            events.add(event);
        }

        @Override
        public void onDepthUpdate(BookDelta update) {
            depth.add(update);
        }

        @Override
        public void onControl(BinanceControl control) {
            controls.add(control);
        }

        int total() {
            return events.size() + depth.size() + controls.size();
        }
    }

    private final BinanceFrameDecoder decoder = new BinanceFrameDecoder(() -> 42L);
    private final Collect sink = new Collect();

    static final String DOC_DEPTH_UPDATE = """
            {
              "e": "depthUpdate", // Event type
              "E": 1672515782136, // Event time
              "s": "BNBBTC",      // Symbol
              "U": 157,           // First update ID in event
              "u": 160,           // Final update ID in event
              "b": [              // Bids to be updated
                [
                  "0.0024",       // Price level to be updated
                  "10"            // Quantity
                ]
              ],
              "a": [              // Asks to be updated
                [
                  "0.0026",       // Price level to be updated
                  "100"           // Quantity
                ]
              ]
            }
            """;

    static final String DOC_TRADE = """
            {
              "e": "trade",       // Event type
              "E": 1672515782136, // Event time
              "s": "BNBBTC",      // Symbol
              "t": 12345,         // Trade ID
              "p": "0.001",       // Price
              "q": "100",         // Quantity
              "b": 88,            // Buyer order ID
              "a": 50,            // Seller order ID
              "T": 1672515782136, // Trade time
              "m": true,          // Is the buyer the market maker?
              "M": true           // Ignore
            }
            """;

    static final String DOC_AGG_TRADE = """
            {
              "e": "aggTrade",    // Event type
              "E": 1672515782136, // Event time
              "s": "BNBBTC",      // Symbol
              "a": 12345,         // Aggregate trade ID
              "p": "0.001",       // Price
              "q": "100",         // Quantity
              "f": 100,           // First trade ID
              "l": 105,           // Last trade ID
              "T": 1672515782136, // Trade time
              "m": true,          // Is the buyer the market maker?
              "M": true           // Ignore
            }
            """;

    static final String DOC_KLINE = """
            {
              "e": "kline",         // Event type
              "E": 1672515782136,   // Event time
              "s": "BNBBTC",        // Symbol
              "k": {
                "t": 1672515780000, // Kline start time
                "T": 1672515839999, // Kline close time
                "s": "BNBBTC",      // Symbol
                "i": "1m",          // Interval
                "f": 100,           // First trade ID
                "L": 200,           // Last trade ID
                "o": "0.0010",      // Open price
                "c": "0.0020",      // Close price
                "h": "0.0025",      // High price
                "l": "0.0015",      // Low price
                "v": "1000",        // Base asset volume
                "n": 100,           // Number of trades
                "x": false,         // Is this kline closed?
                "q": "1.0000",      // Quote asset volume
                "V": "500",         // Taker buy base asset volume
                "Q": "0.500",       // Taker buy quote asset volume
                "B": "123456"       // Ignore
              }
            }
            """;

    static final String DOC_BOOK_TICKER = """
            {
              "u":400900217,     // order book updateId
              "s":"BNBUSDT",     // symbol
              "b":"25.35190000", // best bid price
              "B":"31.21000000", // best bid qty
              "a":"25.36520000", // best ask price
              "A":"40.66000000"  // best ask qty
            }
            """;

    static final String DOC_PARTIAL_DEPTH = """
            {
              "lastUpdateId": 160,  // Last update ID
              "bids": [             // Bids to be updated
                [
                  "0.0024",         // Price level to be updated
                  "10"              // Quantity
                ]
              ],
              "asks": [             // Asks to be updated
                [
                  "0.0026",         // Price level to be updated
                  "100"             // Quantity
                ]
              ]
            }
            """;

    static final String DOC_TICKER = """
            {
              "e": "24hrTicker",  // Event type
              "E": 1672515782136, // Event time
              "s": "BNBBTC",      // Symbol
              "p": "0.0015",      // Price change
              "P": "250.00",      // Price change percent
              "w": "0.0018",      // Weighted average price
              "x": "0.0009",      // First trade(F)-1 price (first trade before the 24hr rolling window)
              "c": "0.0025",      // Last price
              "Q": "10",          // Last quantity
              "b": "0.0024",      // Best bid price
              "B": "10",          // Best bid quantity
              "a": "0.0026",      // Best ask price
              "A": "100",         // Best ask quantity
              "o": "0.0010",      // Open price
              "h": "0.0025",      // High price
              "l": "0.0010",      // Low price
              "v": "10000",       // Total traded base asset volume
              "q": "18",          // Total traded quote asset volume
              "O": 0,             // Statistics open time
              "C": 86400000,      // Statistics close time
              "F": 0,             // First trade ID
              "L": 18150,         // Last trade Id
              "n": 18151          // Total number of trades
            }
            """;

    static final String DOC_REST_DEPTH = """
            {
              "lastUpdateId": 1027024,
              "bids": [
                [
                  "4.00000000",     // PRICE
                  "431.00000000"    // QTY
                ]
              ],
              "asks": [
                [
                  "4.00000200",
                  "12.00000000"
                ]
              ]
            }
            """;

    @Test
    void depthUpdateBecomesADeltaWithUAndLowerU() {
        assertThat(decoder.decode(json(DOC_DEPTH_UPDATE), sink)).isEqualTo(DecodeStatus.OK);
        assertThat(sink.depth).containsExactly(new BookDelta("binance", "BNBBTC",
                List.of(PriceLevel.of("0.0024", "10")), List.of(PriceLevel.of("0.0026", "100")), 157, 160,
                1672515782136L));
        assertThat(sink.events).isEmpty();
    }

    @Test
    void tradeAndAggTrade() {
        assertThat(decoder.decode(json(DOC_TRADE), sink)).isEqualTo(DecodeStatus.OK);
        assertThat(decoder.decode(json(DOC_AGG_TRADE), sink)).isEqualTo(DecodeStatus.OK);
        Trade trade = new Trade("binance", "BNBBTC", "12345", Decimal.parse("0.001"), Decimal.parse("100"), Side.SELL,
                1672515782136L);
        // an aggTrade is the same trade data on a channel of its own (its ids are not raw trade ids)
        Trade aggregated = new Trade("binance", "BNBBTC", "12345", Decimal.parse("0.001"), Decimal.parse("100"),
                Side.SELL, 1672515782136L, true);
        assertThat(sink.events).containsExactly(trade, aggregated);
        assertThat(sink.events).extracting(e -> e.topic().toString())
                .containsExactly("binance.BNBBTC.trade", "binance.BNBBTC.aggTrade");
        assertThat(((Trade) sink.events.get(0)).price().toString()).isEqualTo("0.001");
    }

    @Test
    void buyerTakerIsABuy() {
        String frame = json(DOC_TRADE).replace("\"m\": true", "\"m\": false");
        assertThat(decoder.decode(frame, sink)).isEqualTo(DecodeStatus.OK);
        assertThat(((Trade) sink.events.get(0)).side()).isEqualTo(Side.BUY);
    }

    @Test
    void kline() {
        assertThat(decoder.decode(json(DOC_KLINE), sink)).isEqualTo(DecodeStatus.OK);
        assertThat(sink.events).containsExactly(new Kline("binance", "BNBBTC", Interval.M1, 1672515780000L,
                Decimal.parse("0.0010"), Decimal.parse("0.0025"), Decimal.parse("0.0015"), Decimal.parse("0.0020"),
                Decimal.parse("1000"), 100, false, 1672515782136L));
    }

    @Test
    void klineWithAnIntervalWeDoNotCarryIsIgnored() {
        assertThat(decoder.decode(json(DOC_KLINE).replace("\"1m\"", "\"3m\""), sink)).isEqualTo(DecodeStatus.IGNORED);
        assertThat(sink.total()).isZero();
    }

    @Test
    void aCandleOrTickerWithImpossibleNumbersIsMalformed() {
        assertThat(decoder.decode(json(DOC_KLINE).replace("\"v\": \"1000\"", "\"v\": \"-1000\""), sink))
                .isEqualTo(DecodeStatus.MALFORMED);
        assertThat(decoder.lastError()).contains("volume >= 0");
        assertThat(decoder.decode(json(DOC_KLINE).replace("\"o\": \"0.0010\"", "\"o\": \"0\""), sink))
                .isEqualTo(DecodeStatus.MALFORMED);
        assertThat(decoder.decode(json(DOC_TICKER).replace("\"c\": \"0.0025\"", "\"c\": \"-0.0025\""), sink))
                .isEqualTo(DecodeStatus.MALFORMED);
        assertThat(decoder.lastError()).contains("last > 0");
        assertThat(sink.total()).isZero();
    }

    @Test
    void bookTickerBecomesABookTop() {
        assertThat(decoder.decode(json(DOC_BOOK_TICKER), sink)).isEqualTo(DecodeStatus.OK);
        assertThat(sink.events).containsExactly(new BookTop("binance", "BNBUSDT", Decimal.parse("25.35190000"),
                Decimal.parse("31.21000000"), Decimal.parse("25.36520000"), Decimal.parse("40.66000000"), 42L));
    }

    @Test
    void partialDepthTakesTheSymbolFromTheStreamName() {
        assertThat(decoder.decode(json(DOC_PARTIAL_DEPTH), "bnbbtc@depth5@100ms", sink))
                .isEqualTo(DecodeStatus.OK);
        String combined = "{\"stream\":\"bnbbtc@depth10\",\"data\":" + json(DOC_PARTIAL_DEPTH) + "}";
        assertThat(decoder.decode(combined, sink)).isEqualTo(DecodeStatus.OK);
        BookSnapshot expected = new BookSnapshot("binance", "BNBBTC", List.of(PriceLevel.of("0.0024", "10")),
                List.of(PriceLevel.of("0.0026", "100")), 160, 42L);
        assertThat(sink.events).containsExactly(expected, expected);
    }

    @Test
    void partialDepthWithoutAStreamNameIsMalformed() {
        assertThat(decoder.decode(json(DOC_PARTIAL_DEPTH), sink)).isEqualTo(DecodeStatus.MALFORMED);
        assertThat(decoder.lastError()).contains("stream name");
    }

    @Test
    void ticker() {
        assertThat(decoder.decode(json(DOC_TICKER), sink)).isEqualTo(DecodeStatus.OK);
        Ticker t = (Ticker) sink.events.get(0);
        assertThat(t.last()).isEqualTo(Decimal.parse("0.0025"));
        assertThat(t.bid()).isEqualTo(Decimal.parse("0.0024"));
        assertThat(t.askQuantity()).isEqualTo(Decimal.parse("100"));
        assertThat(t.volume()).isEqualTo(Decimal.parse("10000"));
        assertThat(t.timestamp()).isEqualTo(1672515782136L);
    }

    @Test
    void combinedEnvelopeInEitherFieldOrder() {
        String data = json(DOC_DEPTH_UPDATE);
        assertThat(decoder.decode("{\"stream\":\"bnbbtc@depth\",\"data\":" + data + "}", sink))
                .isEqualTo(DecodeStatus.OK);
        assertThat(decoder.decode("{\"data\":" + data + ",\"stream\":\"bnbbtc@depth\"}", sink))
                .isEqualTo(DecodeStatus.OK);
        assertThat(sink.depth).hasSize(2);
        assertThat(sink.depth.get(0)).isEqualTo(sink.depth.get(1));
    }

    @Test
    void controlReplies() {
        assertThat(decoder.decode(json("""
                {
                  "result": null,
                  "id": 1
                }
                """), sink)).isEqualTo(DecodeStatus.OK);
        assertThat(decoder.decode(json("""
                {
                  "result": [
                    "btcusdt@aggTrade"
                  ],
                  "id": 3
                }
                """), sink)).isEqualTo(DecodeStatus.OK);
        assertThat(decoder.decode(json("""
                {
                  "result": true, // Indicates that combined is set to true.
                  "id": 2
                }
                """), sink)).isEqualTo(DecodeStatus.OK);
        assertThat(decoder.decode("{\"error\":{\"code\":2,\"msg\":\"Invalid request: too many parameters\"},"
                + "\"id\":1}", sink)).isEqualTo(DecodeStatus.OK);
        assertThat(decoder.decode("{\"code\": 0, \"msg\": \"Unknown property\",\"id\": 5}", sink))
                .isEqualTo(DecodeStatus.OK);
        assertThat(decoder.decode("{\"e\":\"serverShutdown\",\"E\":1700000000000}", sink))
                .isEqualTo(DecodeStatus.OK);
        assertThat(sink.controls).containsExactly(
                new BinanceControl(BinanceControl.Kind.RESULT, "1", List.of(), 0, null, 0),
                new BinanceControl(BinanceControl.Kind.RESULT, "3", List.of("btcusdt@aggTrade"), 0, null, 0),
                new BinanceControl(BinanceControl.Kind.RESULT, "2", List.of("true"), 0, null, 0),
                new BinanceControl(BinanceControl.Kind.ERROR, "1", List.of(), 2, "Invalid request: too many parameters",
                        0),
                new BinanceControl(BinanceControl.Kind.ERROR, "5", List.of(), 0, "Unknown property", 0),
                new BinanceControl(BinanceControl.Kind.SERVER_SHUTDOWN, null, List.of(), 0, null, 1700000000000L));
    }

    @Test
    void restDepthSnapshot() {
        BookSnapshot s = BinanceSnapshotParser.parse("BNBBTC", json(DOC_REST_DEPTH), 7L);
        assertThat(s).isEqualTo(new BookSnapshot("binance", "BNBBTC", List.of(PriceLevel.of("4.00000000",
                "431.00000000")), List.of(PriceLevel.of("4.00000200", "12.00000000")), 1027024, 7L));
        // older docs had a third, ignorable element per level
        assertThat(BinanceSnapshotParser.parse("BNBBTC",
                "{\"lastUpdateId\":1,\"bids\":[[\"4.0\",\"431.0\",[]]],\"asks\":[]}", 0).bids())
                .containsExactly(PriceLevel.of("4.0", "431.0"));
        assertThatThrownBy(() -> BinanceSnapshotParser.parse("BNBBTC", "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}",
                0)).isInstanceOf(MalformedFrameException.class);
        assertThatThrownBy(() -> BinanceSnapshotParser.parse("BNBBTC", "<html>", 0))
                .isInstanceOf(MalformedFrameException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "not json",
        "{",
        "[1,2,3]",
        "null",
        "{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"BNBBTC\",\"U\":157,\"b\":[],\"a\":[]}",
        "{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"BNBBTC\",\"U\":160,\"u\":157,\"b\":[],\"a\":[]}",
        "{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"BNBBTC\",\"U\":1,\"u\":2,\"b\":[[\"abc\",\"1\"]],\"a\":[]}",
        "{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"BNBBTC\",\"U\":1,\"u\":2,\"b\":[\"1\"],\"a\":[]}",
        "{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"BNBBTC\",\"U\":1,\"u\":2,\"b\":[[\"1\"]],\"a\":[]}",
        "{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"BN B\",\"U\":1,\"u\":2,\"b\":[],\"a\":[]}",
        "{\"e\":\"depthUpdate\",\"E\":\"x\",\"s\":\"BNBBTC\",\"U\":1,\"u\":2,\"b\":[],\"a\":[]}",
        "{\"e\":\"trade\",\"E\":1,\"s\":\"BNBBTC\",\"t\":1,\"q\":\"1\",\"m\":true}",
        "{\"e\":\"trade\",\"E\":1,\"s\":\"BNBBTC\",\"t\":1,\"p\":\"1e5x\",\"q\":\"1\",\"m\":true}",
        "{\"e\":\"kline\",\"E\":1,\"s\":\"BNBBTC\",\"k\":[]}",
        "{\"e\":\"kline\",\"E\":1,\"s\":\"BNBBTC\",\"k\":{\"i\":\"1m\"}}",
        "{\"stream\":\"x\",\"data\":{\"e\":\"trade\"}} trailing",
        "{\"u\":1,\"s\":\"BNBUSDT\",\"b\":\"1\",\"a\":\"2\"}",
        // numbers a lying venue may send: an exponent that would cost minutes of BigDecimal work, signs
        "{\"e\":\"trade\",\"E\":1,\"s\":\"BNBBTC\",\"t\":1,\"p\":\"1\",\"q\":\"1e1000000\",\"T\":1,\"m\":true}",
        "{\"e\":\"trade\",\"E\":1,\"s\":\"BNBBTC\",\"t\":1,\"p\":\"1E-1000000\",\"q\":\"1\",\"T\":1,\"m\":true}",
        "{\"e\":\"trade\",\"E\":1,\"s\":\"BNBBTC\",\"t\":1,\"p\":\"-5\",\"q\":\"1\",\"T\":1,\"m\":true}",
        "{\"e\":\"trade\",\"E\":1,\"s\":\"BNBBTC\",\"t\":1,\"p\":\"5\",\"q\":\"0\",\"T\":1,\"m\":true}",
        "{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"BNBBTC\",\"U\":1,\"u\":2,\"b\":[[\"100\",\"-5\"]],\"a\":[]}",
        "{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"BNBBTC\",\"U\":1,\"u\":2,\"b\":[],\"a\":[[\"0\",\"1\"]]}"
    })
    void malformedFramesGetAStatusNeverAnException(String frame) {
        assertThat(decoder.decode(frame, sink)).isEqualTo(DecodeStatus.MALFORMED);
        assertThat(decoder.lastError()).isNotBlank();
        assertThat(sink.total()).isZero();
    }

    @Test
    void nullAndByteFrames() {
        assertThat(decoder.decode((String) null, sink)).isEqualTo(DecodeStatus.MALFORMED);
        byte[] bytes = ("xx" + json(DOC_DEPTH_UPDATE)).getBytes(StandardCharsets.UTF_8);
        assertThat(decoder.decode(bytes, 2, bytes.length - 2, null, sink)).isEqualTo(DecodeStatus.OK);
        assertThat(decoder.decode(bytes, 0, bytes.length, null, sink)).isEqualTo(DecodeStatus.MALFORMED);
        assertThat(sink.depth).hasSize(1);
    }

    @Test
    void unknownStreamsAreIgnored() {
        assertThat(decoder.decode("{\"e\":\"24hrMiniTicker\",\"E\":1,\"s\":\"BNBBTC\",\"c\":\"1\"}", sink))
                .isEqualTo(DecodeStatus.IGNORED);
        assertThat(decoder.decode("{\"stream\":\"!ticker@arr\",\"data\":[{\"e\":\"24hrTicker\"}]}", sink))
                .isEqualTo(DecodeStatus.IGNORED);
        assertThat(decoder.decode("{}", sink)).isEqualTo(DecodeStatus.IGNORED);
        assertThat(sink.total()).isZero();
    }

    @Test
    void everyFrameOfTheRealCaptureDecodes() throws IOException {
        List<String> lines;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/binance/BINANCE.ws.1.0")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        int frames = 0;
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String frame = line.substring(line.indexOf(": ") + 2);
            assertThat(decoder.decode(frame, sink)).as(frame).isEqualTo(DecodeStatus.OK);
            frames++;
        }
        assertThat(frames).isEqualTo(265);
        assertThat(sink.depth).hasSize(177);
        assertThat(sink.events).hasSize(84 + 2 + 2);
        assertThat(sink.events).filteredOn(e -> e instanceof Trade).hasSize(2);
        assertThat(sink.events).filteredOn(e -> e instanceof Kline).hasSize(2);
        assertThat(sink.events).filteredOn(e -> e instanceof BookTop).hasSize(84);
        assertThat(sink.depth.get(0).firstSequence()).isEqualTo(499869750L);
        assertThat(sink.depth.get(0).sequence()).isEqualTo(499869752L);
        assertThat(sink.depth.get(0).bids().get(0).price().toString()).isEqualTo("0.35130000");
    }

    @Test
    @org.junit.jupiter.api.Timeout(10)
    void aPriceOfMillionsOfDigitsIsRefusedAtOnce() {
        String digits = "1".repeat(4_000_000);
        String frame = "{\"e\":\"trade\",\"E\":1,\"s\":\"BNBBTC\",\"t\":1,\"p\":\"" + digits
                + "\",\"q\":\"1\",\"T\":1,\"m\":true}";
        for (int i = 0; i < 20; i++) { // quadratic work per frame would take minutes here
            assertThat(decoder.decode(frame, sink)).isEqualTo(DecodeStatus.MALFORMED);
        }
        assertThat(sink.total()).isZero();
    }
}
