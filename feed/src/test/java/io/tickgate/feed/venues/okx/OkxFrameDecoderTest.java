package io.tickgate.feed.venues.okx;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickgate.feed.json.DecodeStatus;
import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.BookTop;
import io.tickgate.model.event.Kline;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.event.PriceLevel;
import io.tickgate.model.event.Side;
import io.tickgate.model.event.Ticker;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Interval;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Payloads are the OKX v5 docs' examples verbatim (order book, trades, tickers, candlesticks channels). */
@Timeout(30)
class OkxFrameDecoderTest {

    static final class Collect implements OkxSink {
        final List<MarketEvent> events = new ArrayList<>();
        final List<OkxBookMessage> books = new ArrayList<>();
        final List<OkxControl> controls = new ArrayList<>();

        @Override
        public void onEvent(MarketEvent event) {
            events.add(event);
        }

        @Override
        public void onBook(OkxBookMessage book) {
            books.add(book);
        }

        @Override
        public void onControl(OkxControl control) {
            controls.add(control);
        }

        int total() {
            return events.size() + books.size() + controls.size();
        }
    }

    private final OkxFrameDecoder decoder = new OkxFrameDecoder();
    private final Collect sink = new Collect();

    static final String DOC_BOOKS_SNAPSHOT = """
            {
              "arg": {
                "channel": "books",
                "instId": "BTC-USDT"
              },
              "action": "snapshot",
              "data": [
                {
                  "asks": [
                    ["8476.98", "415", "0", "13"],
                    ["8477", "7", "0", "2"],
                    ["8477.34", "85", "0", "1"],
                    ["8477.56", "1", "0", "1"],
                    ["8505.84", "8", "0", "1"],
                    ["8506.37", "85", "0", "1"],
                    ["8506.49", "2", "0", "1"],
                    ["8506.96", "100", "0", "2"]
                  ],
                  "bids": [
                    ["8476.97", "256", "0", "12"],
                    ["8475.55", "101", "0", "1"],
                    ["8475.54", "100", "0", "1"],
                    ["8475.3", "1", "0", "1"],
                    ["8447.32", "6", "0", "1"],
                    ["8447.02", "246", "0", "1"],
                    ["8446.83", "24", "0", "1"],
                    ["8446", "95", "0", "3"]
                  ],
                  "ts": "1597026383085",
                  "checksum": -855196043,
                  "prevSeqId": -1,
                  "seqId": 123456
                }
              ]
            }
            """;

    static final String DOC_BOOKS_UPDATE = """
            {
              "arg": {
                "channel": "books",
                "instId": "BTC-USDT"
              },
              "action": "update",
              "data": [
                {
                  "asks": [
                    ["8476.98", "415", "0", "13"],
                    ["8477", "7", "0", "2"],
                    ["8477.34", "85", "0", "1"],
                    ["8477.56", "1", "0", "1"],
                    ["8505.84", "8", "0", "1"],
                    ["8506.37", "85", "0", "1"],
                    ["8506.49", "2", "0", "1"],
                    ["8506.96", "100", "0", "2"]
                  ],
                  "bids": [
                    ["8476.97", "256", "0", "12"],
                    ["8475.55", "101", "0", "1"],
                    ["8475.54", "100", "0", "1"],
                    ["8475.3", "1", "0", "1"],
                    ["8447.32", "6", "0", "1"],
                    ["8447.02", "246", "0", "1"],
                    ["8446.83", "24", "0", "1"],
                    ["8446", "95", "0", "3"]
                  ],
                  "ts": "1597026383085",
                  "checksum": -855196043,
                  "prevSeqId": 123456,
                  "seqId": 123457
                }
              ]
            }
            """;

    /** The older docs' checksum example: levels as JSON numbers. */
    static final String DOC_BOOKS_NUMERIC = """
            {
             "arg": {
                   "channel": "books",
                   "instId":"BTC-USD-191227"
                 },
             "action":"snapshot",
             "data": [
                  {
                    "asks": [[3366.8, 9, 10, 3],[ 3368,8,3,4 ]],
                    "bids": [[3366.1, 7, 0, 3],[ 3366,6,3,4 ]],
                    "ts": "1597026383085",
                    "checksum": -855196043
                  }
              ]
            }
            """;

    @Test
    void booksSnapshotAndUpdate() {
        assertThat(decoder.decode(DOC_BOOKS_SNAPSHOT, sink)).isEqualTo(DecodeStatus.OK);
        assertThat(decoder.decode(DOC_BOOKS_UPDATE, sink)).isEqualTo(DecodeStatus.OK);
        assertThat(sink.books).hasSize(2);
        OkxBookMessage snap = sink.books.get(0);
        assertThat(snap.instId()).isEqualTo("BTC-USDT");
        assertThat(snap.snapshot()).isTrue();
        assertThat(snap.seqId()).isEqualTo(123456);
        assertThat(snap.prevSeqId()).isEqualTo(-1);
        assertThat(snap.checksum()).isEqualTo(-855196043);
        assertThat(snap.timestamp()).isEqualTo(1597026383085L);
        assertThat(snap.asks()).hasSize(8).first().isEqualTo(PriceLevel.of("8476.98", "415"));
        assertThat(snap.bids()).hasSize(8).last().isEqualTo(PriceLevel.of("8446", "95"));
        OkxBookMessage upd = sink.books.get(1);
        assertThat(upd.snapshot()).isFalse();
        assertThat(upd.prevSeqId()).isEqualTo(123456);
        assertThat(upd.seqId()).isEqualTo(123457);
    }

    @Test
    void numericLevelsKeepTheirLiteralText() {
        // no seqId: a checksum-only message, as OKX sent them before it added seqId/prevSeqId
        assertThat(decoder.decode(DOC_BOOKS_NUMERIC, sink)).isEqualTo(DecodeStatus.OK);
        assertThat(sink.books.get(0).sequenced()).isFalse();
        sink.books.clear();
        String withSeq = DOC_BOOKS_NUMERIC.replace("\"checksum\": -855196043", "\"checksum\": -1881014294, "
                + "\"prevSeqId\": -1, \"seqId\": 1");
        assertThat(decoder.decode(withSeq, sink)).isEqualTo(DecodeStatus.OK);
        OkxBookMessage m = sink.books.get(0);
        assertThat(m.bids().get(0).price().toString()).isEqualTo("3366.1");
        assertThat(m.bids().get(1).price().toString()).isEqualTo("3366");
        assertThat(m.asks().get(1).size().toString()).isEqualTo("8");
    }

    /** The docs' snapshot as OKX sent it before {@code seqId}/{@code prevSeqId} existed: only the checksum. */
    static final String LEGACY_BOOKS_SNAPSHOT = DOC_BOOKS_SNAPSHOT.replace(",\n      \"prevSeqId\": -1,\n"
            + "      \"seqId\": 123456", "");

    @Test
    void checksumOnlyFramesAreAcceptedWithTheirChecksum() {
        assertThat(LEGACY_BOOKS_SNAPSHOT).doesNotContain("seqId").contains("\"checksum\": -855196043");
        assertThat(decoder.decode(LEGACY_BOOKS_SNAPSHOT, sink)).as(decoder.lastError()).isEqualTo(DecodeStatus.OK);
        assertThat(decoder.decode("{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"},\"action\":\"update\","
                + "\"data\":[{\"asks\":[[\"8476.98\",\"0\",\"0\",\"0\"]],\"bids\":[],\"ts\":\"1597026383086\","
                + "\"checksum\":0}]}", sink)).isEqualTo(DecodeStatus.OK);
        OkxBookMessage snap = sink.books.get(0);
        assertThat(snap.snapshot()).isTrue();
        assertThat(snap.sequenced()).isFalse();
        assertThat(snap.hasChecksum()).isTrue();
        assertThat(snap.checksum()).isEqualTo(-855196043);
        assertThat(snap.bids()).hasSize(8);
        assertThat(snap.asks()).hasSize(8);
        OkxBookMessage upd = sink.books.get(1);
        assertThat(upd.snapshot()).isFalse();
        assertThat(upd.sequenced()).isFalse();
        // without a sequence, "checksum":0 is a checksum to verify like any other value
        assertThat(upd.hasChecksum()).isTrue();
        assertThat(upd.checksum()).isZero();
        assertThat(upd.asks()).containsExactly(PriceLevel.of("8476.98", "0"));
    }

    @Test
    void aSequencedFrameKeepsItsChecksumUnlessItIsTheDeprecatedZero() {
        assertThat(decoder.decode(DOC_BOOKS_SNAPSHOT, sink)).isEqualTo(DecodeStatus.OK);
        assertThat(decoder.decode(DOC_BOOKS_UPDATE.replace("-855196043", "0"), sink)).isEqualTo(DecodeStatus.OK);
        assertThat(decoder.decode(DOC_BOOKS_UPDATE.replace("\"checksum\": -855196043,", ""), sink))
                .isEqualTo(DecodeStatus.OK);
        assertThat(sink.books).extracting(OkxBookMessage::sequenced).containsExactly(true, true, true);
        assertThat(sink.books).extracting(OkxBookMessage::hasChecksum).containsExactly(true, false, false);
        assertThat(sink.books.get(0).checksum()).isEqualTo(-855196043);
        // prevSeqId absent on a snapshot: -1, as OKX documents for snapshots
        assertThat(decoder.decode(DOC_BOOKS_SNAPSHOT.replace("\"prevSeqId\": -1,", ""), sink))
                .isEqualTo(DecodeStatus.OK);
        assertThat(sink.books.get(3).prevSeqId()).isEqualTo(-1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // neither seqId nor checksum: nothing to check the book with
        "{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"},\"action\":\"update\",\"data\":[{\"asks\":[],"
                + "\"bids\":[],\"ts\":\"1597026383085\"}]}",
        "{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"},\"action\":\"update\",\"data\":[{\"asks\":[],"
                + "\"bids\":[],\"ts\":\"1597026383085\",\"prevSeqId\":1,\"checksum\":0}]}",
        "{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"},\"action\":\"update\",\"data\":[{\"asks\":[],"
                + "\"ts\":\"1597026383085\",\"checksum\":0}]}"
    })
    void booksFramesWithoutSeqIdOrChecksumAreMalformed(String frame) {
        assertThat(decoder.decode(frame, sink)).isEqualTo(DecodeStatus.MALFORMED);
        assertThat(decoder.lastError()).startsWith("books data");
        assertThat(sink.total()).isZero();
    }

    @Test
    void books5AndBbo() {
        assertThat(decoder.decode("""
                {
                  "arg": {
                    "channel": "books5",
                    "instId": "BCH-USDT-SWAP"
                  },
                  "data": [
                    {
                      "asks": [
                        ["111.06","55154","0","2"],
                        ["111.07","53276","0","2"],
                        ["111.08","72435","0","2"],
                        ["111.09","70312","0","2"],
                        ["111.1","67272","0","2"]
                      ],
                      "bids": [
                        ["111.05","57745","0","2"],
                        ["111.04","57109","0","2"],
                        ["111.03","69563","0","2"],
                        ["111.02","71248","0","2"],
                        ["111.01","65090","0","2"]
                      ],
                      "instId": "BCH-USDT-SWAP",
                      "ts": "1670324386802",
                      "seqId": 363996337
                    }
                  ]
                }
                """, sink)).isEqualTo(DecodeStatus.OK);
        assertThat(decoder.decode("""
                {
                  "arg": {
                    "channel": "bbo-tbt",
                    "instId": "BCH-USDT-SWAP"
                  },
                  "data": [
                    {
                      "asks": [
                        [
                          "111.06","55154","0","2"
                        ]
                      ],
                      "bids": [
                        [
                          "111.05","57745","0","2"
                        ]
                      ],
                      "ts": "1670324386802",
                      "seqId": 363996337
                    }
                  ]
                }
                """, sink)).isEqualTo(DecodeStatus.OK);
        BookSnapshot s = (BookSnapshot) sink.events.get(0);
        assertThat(s.symbol()).isEqualTo("BCH-USDT-SWAP");
        assertThat(s.sequence()).isEqualTo(363996337L);
        assertThat(s.bids()).hasSize(5);
        assertThat(s.asks().get(4)).isEqualTo(PriceLevel.of("111.1", "67272"));
        assertThat(sink.events.get(1)).isEqualTo(new BookTop("okx", "BCH-USDT-SWAP", Decimal.parse("111.05"),
                Decimal.parse("57745"), Decimal.parse("111.06"), Decimal.parse("55154"), 1670324386802L));
    }

    @Test
    void trades() {
        assertThat(decoder.decode("""
                {
                  "arg": {
                    "channel": "trades",
                    "instId": "BTC-USDT"
                  },
                  "data": [
                    {
                      "instId": "BTC-USDT",
                      "tradeId": "130639474",
                      "px": "42219.9",
                      "sz": "0.12060306",
                      "side": "buy",
                      "ts": "1630048897897",
                      "count": "3",
                      "source": "0",
                      "seqId": 1234
                    }
                  ]
                }
                """, sink)).isEqualTo(DecodeStatus.OK);
        // one print of three matches of the taker order at that price: ids 130639472..130639474
        assertThat(sink.events).containsExactly(new Trade("okx", "BTC-USDT", "130639474", Decimal.parse("42219.9"),
                Decimal.parse("0.12060306"), Side.BUY, 1630048897897L, false, 3));
    }

    @Test
    void tickers() {
        assertThat(decoder.decode("""
                {
                  "arg": {
                    "channel": "tickers",
                    "instId": "BTC-USDT"
                  },
                  "data": [
                    {
                      "instType": "SPOT",
                      "instId": "BTC-USDT",
                      "last": "9999.99",
                      "lastSz": "0.1",
                      "askPx": "9999.99",
                      "askSz": "11",
                      "bidPx": "8888.88",
                      "bidSz": "5",
                      "open24h": "9000",
                      "high24h": "10000",
                      "low24h": "8888.88",
                      "volCcy24h": "2222",
                      "vol24h": "2222",
                      "sodUtc0": "2222",
                      "sodUtc8": "2222",
                      "ts": "1597026383085"
                    }
                  ]
                }
                """, sink)).isEqualTo(DecodeStatus.OK);
        assertThat(sink.events).containsExactly(new Ticker("okx", "BTC-USDT", Decimal.parse("9999.99"),
                Decimal.parse("8888.88"), Decimal.parse("5"), Decimal.parse("9999.99"), Decimal.parse("11"),
                Decimal.parse("9000"), Decimal.parse("10000"), Decimal.parse("8888.88"), Decimal.parse("2222"),
                1597026383085L));
    }

    @Test
    void candles() {
        String doc = """
                {
                  "arg": {
                    "channel": "candle1D",
                    "instId": "BTC-USDT"
                  },
                  "data": [
                    [
                      "1597026383085",
                      "8533.02",
                      "8553.74",
                      "8527.17",
                      "8548.26",
                      "45247",
                      "529.5858061",
                      "5529.5858061",
                      "0"
                    ]
                  ]
                }
                """;
        // candle1D is the Hong Kong (UTC+8) day, which our UTC 1d interval is not: ignored.
        assertThat(decoder.decode(doc, sink)).isEqualTo(DecodeStatus.IGNORED);
        assertThat(decoder.decode(doc.replace("candle1D", "candle1m"), sink)).isEqualTo(DecodeStatus.OK);
        assertThat(decoder.decode(doc.replace("candle1D", "candle1m").replace("\"0\"\n", "\"1\"\n"), sink))
                .isEqualTo(DecodeStatus.OK);
        Kline open = new Kline("okx", "BTC-USDT", Interval.M1, 1597026383085L, Decimal.parse("8533.02"),
                Decimal.parse("8553.74"), Decimal.parse("8527.17"), Decimal.parse("8548.26"), Decimal.parse("45247"),
                0, false, 1597026383085L);
        assertThat(sink.events).containsExactly(open, new Kline("okx", "BTC-USDT", Interval.M1, 1597026383085L,
                open.open(), open.high(), open.low(), open.close(), open.volume(), 0, true, 1597026383085L));
    }

    @Test
    void aFrameRefusedForAnyEntryEmitsNoneOfIt() {
        String trade = "{\"instId\":\"%s\",\"tradeId\":\"%s\",\"px\":\"100\",\"sz\":\"1\",\"side\":\"buy\","
                + "\"ts\":\"1700000000000\"}";
        String trades = "{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT\"},\"data\":["
                + String.format(trade, "BTC-USDT", "1") + "," + String.format(trade, "BTC USDT", "2") + "]}";
        assertThat(decoder.decode(trades, sink)).isEqualTo(DecodeStatus.MALFORMED);
        String ticker = "{\"instId\":\"%s\",\"last\":\"%s\",\"ts\":\"1700000000000\"}";
        assertThat(decoder.decode("{\"arg\":{\"channel\":\"tickers\",\"instId\":\"BTC-USDT\"},\"data\":["
                + String.format(ticker, "BTC-USDT", "100") + "," + String.format(ticker, "BTC USDT", "100") + "]}",
                sink)).isEqualTo(DecodeStatus.MALFORMED);
        assertThat(decoder.decode("{\"arg\":{\"channel\":\"tickers\",\"instId\":\"BTC-USDT\"},\"data\":["
                + String.format(ticker, "BTC-USDT", "-1") + "]}", sink)).isEqualTo(DecodeStatus.MALFORMED);
        assertThat(decoder.lastError()).contains("last > 0");
        String row = "[\"1700000000000\",\"%s\",\"2\",\"1\",\"1.5\",\"%s\",\"0\",\"0\",\"0\"]";
        String candles = "{\"arg\":{\"channel\":\"candle1m\",\"instId\":\"BTC-USDT\"},\"data\":[%s,%s]}";
        assertThat(decoder.decode(String.format(candles, String.format(row, "1", "10"), "[\"x\",\"1\",\"2\",\"1\","
                + "\"1.5\",\"10\"]"), sink)).isEqualTo(DecodeStatus.MALFORMED);
        assertThat(decoder.decode(String.format(candles, String.format(row, "1", "10"), String.format(row, "1", "-3")),
                sink)).isEqualTo(DecodeStatus.MALFORMED);
        assertThat(decoder.lastError()).contains("volume >= 0");
        assertThat(decoder.decode(String.format(candles, String.format(row, "-1", "10"), String.format(row, "1", "3")),
                sink)).isEqualTo(DecodeStatus.MALFORMED);
        String level = "{\"instId\":\"%s\",\"bids\":[[\"100\",\"1\",\"0\",\"1\"]],\"asks\":[],\"seqId\":5,"
                + "\"prevSeqId\":4,\"checksum\":0,\"ts\":\"1700000000000\"}";
        assertThat(decoder.decode("{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"},\"action\":\"update\","
                + "\"data\":[" + String.format(level, "BTC-USDT") + "," + String.format(level, "BTC USDT") + "]}", sink))
                .isEqualTo(DecodeStatus.MALFORMED);
        assertThat(sink.total()).as("nothing emitted from a refused frame").isZero();
        assertThat(decoder.decode(String.format(candles, String.format(row, "1", "10"), String.format(row, "1", "0")),
                sink)).as(decoder.lastError()).isEqualTo(DecodeStatus.OK);
        assertThat(sink.events).hasSize(2);
    }

    @Test
    void eventAcksErrorsAndPong() {
        assertThat(decoder.decode("""
                {
                  "id": "1512",
                  "event": "subscribe",
                  "arg": {
                    "channel": "books",
                    "instId": "BTC-USDT"
                  },
                  "connId": "a4d3ae55"
                }
                """, sink)).isEqualTo(DecodeStatus.OK);
        assertThat(decoder.decode("""
                {
                  "id": "1512",
                  "event": "error",
                  "code": "60012",
                  "msg": "Invalid request: {\\"op\\": \\"subscribe\\", \\"argss\\":[{ \\"channel\\" : \\"books\\", \\"instId\\" : \\"BTC-USD-191227\\"}]}",
                  "connId": "a4d3ae55"
                }
                """, sink)).isEqualTo(DecodeStatus.OK);
        assertThat(decoder.decode("{\"event\":\"unsubscribe\",\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT\"},"
                + "\"connId\":\"a4d3ae55\"}", sink)).isEqualTo(DecodeStatus.OK);
        assertThat(decoder.decode("{\"event\":\"notice\",\"code\":\"64008\",\"msg\":\"The connection will soon be "
                + "closed for a service upgrade.\",\"connId\":\"a4d3ae55\"}", sink)).isEqualTo(DecodeStatus.OK);
        assertThat(decoder.decode("pong", sink)).isEqualTo(DecodeStatus.OK);
        assertThat(sink.controls).extracting(OkxControl::kind).containsExactly(OkxControl.Kind.SUBSCRIBED,
                OkxControl.Kind.ERROR, OkxControl.Kind.UNSUBSCRIBED, OkxControl.Kind.NOTICE, OkxControl.Kind.PONG);
        assertThat(sink.controls.get(0)).isEqualTo(new OkxControl(OkxControl.Kind.SUBSCRIBED, "subscribe", "1512",
                "books", "BTC-USDT", null, null, "a4d3ae55"));
        assertThat(sink.controls.get(1).code()).isEqualTo("60012");
        assertThat(sink.controls.get(1).message()).startsWith("Invalid request: {\"op\": \"subscribe\"");
        assertThat(sink.controls.get(3).code()).isEqualTo("64008");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "ping",
        "{",
        "[]",
        "{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"}}",
        "{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"},\"data\":[{\"asks\":[],\"bids\":[],\"seqId\":1}]}",
        "{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"},\"action\":\"update\",\"data\":[{\"asks\":[]}]}",
        "{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"},\"action\":\"update\",\"data\":"
                + "[{\"asks\":[[\"x\",\"1\",\"0\",\"1\"]],\"bids\":[],\"seqId\":2,\"prevSeqId\":1}]}",
        "{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC USDT\"},\"action\":\"update\",\"data\":"
                + "[{\"asks\":[],\"bids\":[],\"seqId\":2,\"prevSeqId\":1}]}",
        "{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT\"},\"data\":[{\"tradeId\":\"1\",\"px\":\"1\"}]}",
        "{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT\"},\"data\":{}}",
        "{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT\"},\"data\":[{\"tradeId\":\"1\",\"px\":\"1\","
                + "\"sz\":\"1\",\"ts\":\"soon\"}]}",
        "{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT\"},\"data\":[{\"tradeId\":\"1\",\"px\":\"1\","
                + "\"sz\":\"1\",\"ts\":\"1\",\"count\":\"0\"}]}",
        "{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT\"},\"data\":[{\"tradeId\":\"1\",\"px\":\"1\","
                + "\"sz\":\"1\",\"ts\":\"1\",\"count\":\"many\"}]}",
        "{\"arg\":{\"channel\":\"candle1m\",\"instId\":\"BTC-USDT\"},\"data\":[[\"1\",\"2\"]]}",
        "{\"arg\":\"books\",\"data\":[]}"
    })
    void malformedFramesGetAStatusNeverAnException(String frame) {
        assertThat(decoder.decode(frame, sink)).isEqualTo(DecodeStatus.MALFORMED);
        assertThat(decoder.lastError()).isNotBlank();
        assertThat(sink.total()).isZero();
    }

    @Test
    void unsupportedChannelsAreIgnoredAndBytesWork() {
        assertThat(decoder.decode("{\"arg\":{\"channel\":\"mark-price\",\"instId\":\"BTC-USDT\"},\"data\":[]}", sink))
                .isEqualTo(DecodeStatus.IGNORED);
        byte[] pong = "pong".getBytes(StandardCharsets.UTF_8);
        assertThat(decoder.decode(pong, 0, pong.length, sink)).isEqualTo(DecodeStatus.OK);
        byte[] upd = DOC_BOOKS_UPDATE.getBytes(StandardCharsets.UTF_8);
        assertThat(decoder.decode(upd, 0, upd.length, sink)).isEqualTo(DecodeStatus.OK);
        assertThat(sink.books).hasSize(1);
    }
}
