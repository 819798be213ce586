package io.tickgate.feed.venues.binance;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.netty.buffer.ByteBuf;
import io.tickgate.feed.json.DecodeErrors;
import io.tickgate.feed.json.DecodeStatus;
import io.tickgate.feed.json.FrameReader;
import io.tickgate.feed.json.JsonLevels;
import io.tickgate.feed.json.MalformedFrameException;
import io.tickgate.feed.json.TextCache;
import io.tickgate.feed.json.VenueNumbers;
import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.BookDelta;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.BookTop;
import io.tickgate.model.event.Kline;
import io.tickgate.model.event.PriceLevel;
import io.tickgate.model.event.Side;
import io.tickgate.model.event.Ticker;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Interval;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Decodes Binance spot WebSocket text frames with a streaming Jackson parser (no tree model): one pass over the
 * frame fills reusable scratch fields, then the message is built by its type. Field order does not matter
 * ({@code data} may come before {@code stream}).
 *
 * <p>Not thread-safe: one decoder per connection (or per thread). {@link #decode} never throws: bad input returns
 * {@link DecodeStatus#MALFORMED} and {@link #lastError()} says why.
 */
public final class BinanceFrameDecoder {

    /** The topic source name of this venue. */
    public static final String SOURCE = "binance";

    private final LongSupplier clock;
    private final Scratch s = new Scratch();
    /** Stream names, symbols, event types and intervals: the same few strings in every frame. */
    private final TextCache names = new TextCache();
    private String lastStream;
    private String lastStreamSymbol;
    private final DecodeErrors errors = new DecodeErrors();
    private final FrameReader reader;
    /** The current frame's stream-name hint and sink (the decoder is single-threaded). */
    private String streamHint;
    private BinanceSink sink;

    /** A decoder that stamps venue messages without an event time ({@code bookTicker}) with the wall clock. */
    public BinanceFrameDecoder() {
        this(System::currentTimeMillis);
    }

    /** @param clock epoch milliseconds for messages that carry no event time ({@code bookTicker}, partial depth) */
    public BinanceFrameDecoder(LongSupplier clock) {
        this(clock, FrameReader.Path.FAST);
    }

    /**
     * @param clock epoch milliseconds for messages that carry no event time
     * @param path  the parser that reads frames ({@link FrameReader.Path#JACKSON}: the reference, for tests and
     *              benchmarks)
     */
    public BinanceFrameDecoder(LongSupplier clock, FrameReader.Path path) {
        this.clock = clock;
        this.reader = new FrameReader(path, this::decodeFrame, errors);
    }

    /** Decodes a frame from a combined-stream connection or a raw stream with a self-describing payload. */
    public DecodeStatus decode(String frame, BinanceSink sink) {
        return decode(frame, null, sink);
    }

    /**
     * Decodes one text frame.
     *
     * @param frame      the frame text
     * @param streamName for raw {@code /ws/<stream>} connections, the stream name (e.g. {@code btcusdt@depth5}),
     *                   needed for partial depth, whose payload carries no symbol; null if unknown. A combined
     *                   envelope's own {@code stream} wins.
     * @param sink       receives the decoded messages
     */
    public DecodeStatus decode(String frame, String streamName, BinanceSink sink) {
        if (frame == null) {
            return errors.malformed("null frame");
        }
        streamHint = streamName;
        this.sink = sink;
        return reader.read(frame);
    }

    /** Decodes one frame given as UTF-8 bytes (e.g. straight from a Netty buffer's array). */
    public DecodeStatus decode(byte[] utf8, int offset, int length, String streamName, BinanceSink sink) {
        streamHint = streamName;
        this.sink = sink;
        return reader.read(utf8, offset, length);
    }

    /** Decodes one frame from a combined-stream connection given as UTF-8 bytes in a buffer (not consumed). */
    public DecodeStatus decode(ByteBuf utf8, BinanceSink sink) {
        streamHint = null;
        this.sink = sink;
        return reader.read(utf8);
    }

    /** Frames the fast parser declined and Jackson decoded instead (escapes, unusual numbers, bad JSON). */
    public long jacksonFallbacks() {
        return reader.fallbacks();
    }

    /** Why the last frame was {@link DecodeStatus#MALFORMED} or {@link DecodeStatus#IGNORED}; null after OK. */
    public String lastError() {
        return errors.last();
    }

    /** The streaming pass over one frame (fast parser or Jackson): reads everything, then emits. */
    private DecodeStatus decodeFrame(JsonParser p) throws IOException {
        BinanceSink sink = this.sink;
        s.reset();
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return errors.malformed("frame is not a JSON object");
        }
        readObject(p, true);
        if (p.nextToken() != null) {
            return errors.malformed("trailing data after the JSON object");
        }
        errors.clear();
        if (s.dataIsArray) {
            return errors.ignored("array payloads (all-market streams) are not supported");
        }
        if (s.hasError) {
            sink.onControl(new BinanceControl(BinanceControl.Kind.ERROR, s.id, null, s.errorCode, s.errorMsg, 0));
            return DecodeStatus.OK;
        }
        if (s.e == null && (s.hasResult || s.hasId) && !s.hasData) {
            sink.onControl(new BinanceControl(BinanceControl.Kind.RESULT, s.id, s.result, 0, null, 0));
            return DecodeStatus.OK;
        }
        if (s.e != null) {
            switch (s.e) {
                case "depthUpdate":
                    return depthUpdate(sink);
                case "trade":
                    return trade(sink, s.t, false);
                case "aggTrade":
                    return trade(sink, s.aNum, true);
                case "kline":
                    return kline(sink);
                case "24hrTicker":
                    return ticker(sink);
                case "serverShutdown":
                    sink.onControl(new BinanceControl(BinanceControl.Kind.SERVER_SHUTDOWN, null, null, 0, null,
                            s.eventTime));
                    return DecodeStatus.OK;
                default:
                    return errors.ignored("unsupported event type \"" + s.e + "\"");
            }
        }
        if (s.lastUpdateId >= 0) {
            return partialDepth(sink, s.stream != null ? s.stream : streamHint);
        }
        if (s.bStr != null && s.aStr != null && s.symbol != null) {
            return bookTicker(sink);
        }
        return errors.ignored("unrecognized payload");
    }

    // ---------------------------------------------------------------- building messages

    private DecodeStatus depthUpdate(BinanceSink sink) {
        if (!JsonLevels.isSymbol(s.symbol) || s.firstUpdateId < 0 || s.updateId < 0 || s.bids == null
                || s.asks == null) {
            return errors.malformed("depthUpdate needs s, U, u, b and a");
        }
        if (s.firstUpdateId > s.updateId) {
            return errors.malformed("depthUpdate with U > u");
        }
        sink.onDepthUpdate(new BookDelta(SOURCE, s.symbol, JsonLevels.immutable(s.bids),
                JsonLevels.immutable(s.asks), s.firstUpdateId, s.updateId, s.eventTime));
        return DecodeStatus.OK;
    }

    private DecodeStatus trade(BinanceSink sink, long id, boolean aggregate) {
        if (!JsonLevels.isSymbol(s.symbol) || id < 0 || s.p == null || s.q == null || s.buyerMaker == null) {
            return errors.malformed((aggregate ? "aggTrade" : "trade") + " needs s, " + (aggregate ? "a" : "t")
                    + ", p, q and m");
        }
        String implausible = VenueNumbers.tradeProblem(s.p, s.q);
        if (implausible != null) {
            return errors.malformed(implausible);
        }
        // m = "is the buyer the market maker": then the seller was the aggressor.
        Side side = s.buyerMaker ? Side.SELL : Side.BUY;
        long ts = s.tradeTime > 0 ? s.tradeTime : s.eventTime;
        sink.onEvent(new Trade(SOURCE, s.symbol, Long.toString(id), s.p, s.q, side, ts, aggregate));
        return DecodeStatus.OK;
    }

    private DecodeStatus kline(BinanceSink sink) {
        Scratch.K k = s.k;
        String symbol = k.symbol != null ? k.symbol : s.symbol;
        if (!s.hasK || !JsonLevels.isSymbol(symbol) || k.interval == null || k.open == null || k.high == null
                || k.low == null || k.close == null || k.volume == null || k.startTime < 0) {
            return errors.malformed("kline needs s and k{t,i,o,h,l,c,v}");
        }
        Interval interval = Interval.fromLabel(k.interval);
        if (interval == null) {
            return errors.ignored("unsupported kline interval \"" + k.interval + "\"");
        }
        String implausible = VenueNumbers.klineProblem(k.open, k.high, k.low, k.close, k.volume);
        if (implausible != null) {
            return errors.malformed(implausible);
        }
        sink.onEvent(new Kline(SOURCE, symbol, interval, k.startTime, k.open, k.high, k.low, k.close, k.volume,
                Math.max(0, k.trades),
                k.closed, s.eventTime));
        return DecodeStatus.OK;
    }

    private DecodeStatus ticker(BinanceSink sink) {
        if (!JsonLevels.isSymbol(s.symbol) || s.c == null) {
            return errors.malformed("24hrTicker needs s and c");
        }
        String implausible = VenueNumbers.tickerProblem(s.c);
        if (implausible != null) {
            return errors.malformed(implausible);
        }
        sink.onEvent(new Ticker(SOURCE, s.symbol, s.c, s.bStr, s.bigB, s.aStr, s.bigA, s.o, s.h, s.l, s.v,
                s.eventTime));
        return DecodeStatus.OK;
    }

    private DecodeStatus bookTicker(BinanceSink sink) {
        if (!JsonLevels.isSymbol(s.symbol) || s.bigB == null || s.bigA == null) {
            return errors.malformed("bookTicker needs s, b, B, a and A");
        }
        long ts = s.eventTime > 0 ? s.eventTime : clock.getAsLong();
        sink.onEvent(new BookTop(SOURCE, s.symbol, s.bStr, s.bigB, s.aStr, s.bigA, ts));
        return DecodeStatus.OK;
    }

    private DecodeStatus partialDepth(BinanceSink sink, String stream) {
        String symbol = stream == null ? null : streamSymbol(stream);
        if (!JsonLevels.isSymbol(symbol)) {
            return errors.malformed("partial depth without a stream name to take the symbol from");
        }
        if (s.bidsNamed == null || s.asksNamed == null) {
            return errors.malformed("partial depth needs lastUpdateId, bids and asks");
        }
        long ts = s.eventTime > 0 ? s.eventTime : clock.getAsLong();
        sink.onEvent(new BookSnapshot(SOURCE, symbol, JsonLevels.immutable(s.bidsNamed),
                JsonLevels.immutable(s.asksNamed), s.lastUpdateId, ts));
        return DecodeStatus.OK;
    }

    /** {@link #symbolOfStream}, remembered for the last stream name (raw connections repeat the same one). */
    private String streamSymbol(String stream) {
        if (!stream.equals(lastStream)) {
            lastStreamSymbol = symbolOfStream(stream);
            lastStream = stream;
        }
        return lastStreamSymbol;
    }

    /** {@code nknusdt@depth@100ms} → {@code NKNUSDT}. */
    static String symbolOfStream(String stream) {
        int at = stream.indexOf('@');
        return (at < 0 ? stream : stream.substring(0, at)).toUpperCase(Locale.ROOT);
    }

    // ---------------------------------------------------------------- streaming pass

    /** Reads the fields of an object (the parser is on START_OBJECT) into the scratch. */
    private void readObject(JsonParser p, boolean topLevel) throws IOException {
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            if (topLevel) {
                switch (name) {
                    case "stream":
                        s.stream = names.text(p);
                        continue;
                    case "data":
                        s.hasData = true;
                        if (t == JsonToken.START_OBJECT) {
                            readObject(p, false);
                        } else {
                            s.dataIsArray = t == JsonToken.START_ARRAY;
                            p.skipChildren();
                        }
                        continue;
                    case "result":
                        s.hasResult = true;
                        readResult(p, t);
                        continue;
                    case "id":
                        s.hasId = true;
                        s.id = JsonLevels.text(p);
                        continue;
                    case "error":
                        s.hasError = true;
                        if (t == JsonToken.START_OBJECT) {
                            readError(p);
                        } else {
                            s.errorMsg = t.isScalarValue() ? p.getText() : null;
                            p.skipChildren();
                        }
                        continue;
                    case "code":
                        s.hasError = true;
                        s.errorCode = (int) JsonLevels.longValue(p);
                        continue;
                    case "msg":
                        s.hasError = true;
                        s.errorMsg = JsonLevels.text(p);
                        continue;
                    default:
                        break;
                }
            }
            readDataField(p, name, t);
        }
    }

    private void readDataField(JsonParser p, String name, JsonToken t) throws IOException {
        switch (name) {
            case "e":
                s.e = names.text(p);
                break;
            case "E":
                s.eventTime = JsonLevels.longValue(p);
                break;
            case "s":
                s.symbol = names.text(p);
                break;
            case "U":
                s.firstUpdateId = JsonLevels.longValue(p);
                break;
            case "u":
                s.updateId = JsonLevels.longValue(p);
                break;
            case "lastUpdateId":
                s.lastUpdateId = JsonLevels.longValue(p);
                break;
            case "b":
                if (t == JsonToken.START_ARRAY) {
                    s.bids = s.levels(true);
                    JsonLevels.readLevels(p, s.bids);
                } else if (t == JsonToken.VALUE_STRING) {
                    s.bStr = JsonLevels.decimal(p);
                } else {
                    p.skipChildren(); // trade "b": buyer order id (older payloads)
                }
                break;
            case "a":
                if (t == JsonToken.START_ARRAY) {
                    s.asks = s.levels(false);
                    JsonLevels.readLevels(p, s.asks);
                } else if (t == JsonToken.VALUE_STRING) {
                    s.aStr = JsonLevels.decimal(p);
                } else if (t == JsonToken.VALUE_NUMBER_INT) {
                    s.aNum = p.getLongValue(); // aggTrade id (trade: seller order id, unused)
                } else {
                    p.skipChildren();
                }
                break;
            case "bids":
                s.bidsNamed = s.levels(true);
                JsonLevels.readLevels(p, s.bidsNamed);
                break;
            case "asks":
                s.asksNamed = s.levels(false);
                JsonLevels.readLevels(p, s.asksNamed);
                break;
            case "B":
                s.bigB = t == JsonToken.VALUE_STRING ? JsonLevels.decimal(p) : null;
                p.skipChildren();
                break;
            case "A":
                s.bigA = t == JsonToken.VALUE_STRING ? JsonLevels.decimal(p) : null;
                p.skipChildren();
                break;
            case "t":
                s.t = JsonLevels.longValue(p);
                break;
            case "T":
                s.tradeTime = JsonLevels.longValue(p);
                break;
            case "p":
                s.p = JsonLevels.decimalOrNull(p, false);
                break;
            case "q":
                s.q = JsonLevels.decimalOrNull(p, false);
                break;
            case "m":
                if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
                    s.buyerMaker = t == JsonToken.VALUE_TRUE;
                }
                break;
            case "c":
                s.c = JsonLevels.decimalOrNull(p, false);
                break;
            case "o":
                s.o = JsonLevels.decimalOrNull(p, false);
                break;
            case "h":
                s.h = JsonLevels.decimalOrNull(p, false);
                break;
            case "l":
                s.l = JsonLevels.decimalOrNull(p, false);
                break;
            case "v":
                s.v = JsonLevels.decimalOrNull(p, false);
                break;
            case "k":
                if (t != JsonToken.START_OBJECT) {
                    throw new MalformedFrameException("kline k must be an object");
                }
                s.hasK = true;
                readKline(p);
                break;
            default:
                p.skipChildren();
                break;
        }
    }

    private void readKline(JsonParser p) throws IOException {
        Scratch.K k = s.k;
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            switch (name) {
                case "t":
                    k.startTime = JsonLevels.longValue(p);
                    break;
                case "s":
                    k.symbol = names.text(p);
                    break;
                case "i":
                    k.interval = names.text(p);
                    break;
                case "o":
                    k.open = JsonLevels.decimalOrNull(p, false);
                    break;
                case "h":
                    k.high = JsonLevels.decimalOrNull(p, false);
                    break;
                case "l":
                    k.low = JsonLevels.decimalOrNull(p, false);
                    break;
                case "c":
                    k.close = JsonLevels.decimalOrNull(p, false);
                    break;
                case "v":
                    k.volume = JsonLevels.decimalOrNull(p, false);
                    break;
                case "n":
                    k.trades = JsonLevels.longValue(p);
                    break;
                case "x":
                    k.closed = p.currentToken() == JsonToken.VALUE_TRUE;
                    break;
                default:
                    p.skipChildren();
                    break;
            }
        }
    }

    private void readResult(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.START_ARRAY) {
            s.result = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (p.currentToken().isScalarValue()) {
                    s.result.add(p.getText());
                } else {
                    p.skipChildren();
                }
            }
        } else if (t != JsonToken.VALUE_NULL && t.isScalarValue()) {
            s.result = new ArrayList<>(List.of(p.getText()));
        } else {
            p.skipChildren();
        }
    }

    private void readError(JsonParser p) throws IOException {
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            if ("code".equals(name)) {
                s.errorCode = (int) JsonLevels.longValue(p);
            } else if ("msg".equals(name)) {
                s.errorMsg = JsonLevels.text(p);
            } else {
                p.skipChildren();
            }
        }
    }

    /** Reusable per-frame fields; level lists are scratch buffers, events get immutable copies. */
    private static final class Scratch {
        String stream;
        boolean hasData;
        boolean dataIsArray;
        boolean hasResult;
        boolean hasId;
        boolean hasError;
        String id;
        List<String> result;
        int errorCode;
        String errorMsg;

        String e;
        long eventTime;
        String symbol;
        long firstUpdateId;
        long updateId;
        long lastUpdateId;
        List<PriceLevel> bids;
        List<PriceLevel> asks;
        List<PriceLevel> bidsNamed;
        List<PriceLevel> asksNamed;
        Decimal bStr;
        Decimal aStr;
        long aNum;
        Decimal bigB;
        Decimal bigA;
        long t;
        long tradeTime;
        Decimal p;
        Decimal q;
        Boolean buyerMaker;
        Decimal c;
        Decimal o;
        Decimal h;
        Decimal l;
        Decimal v;
        boolean hasK;
        final K k = new K();

        private final ArrayList<PriceLevel> bidBuffer = new ArrayList<>(64);
        private final ArrayList<PriceLevel> askBuffer = new ArrayList<>(64);

        void reset() {
            stream = null;
            hasData = false;
            dataIsArray = false;
            hasResult = false;
            hasId = false;
            hasError = false;
            id = null;
            result = null;
            errorCode = 0;
            errorMsg = null;
            e = null;
            eventTime = 0;
            symbol = null;
            firstUpdateId = -1;
            updateId = -1;
            lastUpdateId = -1;
            bids = null;
            asks = null;
            bidsNamed = null;
            asksNamed = null;
            bStr = null;
            aStr = null;
            aNum = -1;
            bigB = null;
            bigA = null;
            t = -1;
            tradeTime = 0;
            p = null;
            q = null;
            buyerMaker = null;
            c = null;
            o = null;
            h = null;
            l = null;
            v = null;
            hasK = false;
            k.reset();
        }

        /** A cleared reusable level buffer; events get immutable copies, so reuse across frames is safe. */
        List<PriceLevel> levels(boolean bidSide) {
            ArrayList<PriceLevel> b = bidSide ? bidBuffer : askBuffer;
            b.clear();
            return b;
        }

        static final class K {
            long startTime;
            String symbol;
            String interval;
            Decimal open;
            Decimal high;
            Decimal low;
            Decimal close;
            Decimal volume;
            long trades;
            boolean closed;

            void reset() {
                startTime = -1;
                symbol = null;
                interval = null;
                open = null;
                high = null;
                low = null;
                close = null;
                volume = null;
                trades = 0;
                closed = false;
            }
        }
    }
}
