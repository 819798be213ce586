package io.tickgate.feed.venues.okx;

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
import java.util.OptionalInt;

/**
 * Decodes OKX v5 public WebSocket text frames with a streaming Jackson parser (no tree model). One pass fills
 * reusable scratch elements (one per {@code data} entry), then messages are built by {@code arg.channel}; field
 * order does not matter.
 *
 * <p>Not thread-safe: one decoder per connection (or per thread). {@link #decode} never throws: bad input returns
 * {@link DecodeStatus#MALFORMED} and {@link #lastError()} says why.
 */
public final class OkxFrameDecoder {

    /** The topic source name of this venue. */
    public static final String SOURCE = "okx";

    /** Channels, instrument ids, actions, events and sides: the same few strings in every frame. */
    private final TextCache names = new TextCache();

    private String event;
    private String id;
    private String code;
    private String msg;
    private String connId;
    private String channel;
    private String argInstId;
    private String action;
    private boolean hasData;
    private final List<Element> elements = new ArrayList<>();
    private int count;
    private final DecodeErrors errors = new DecodeErrors();
    private final FrameReader reader;
    /** The current frame's sink (the decoder is single-threaded). */
    private OkxSink sink;

    /** A decoder on the live path: the fast parser, with Jackson for the frames it declines. */
    public OkxFrameDecoder() {
        this(FrameReader.Path.FAST);
    }

    /** @param path the parser that reads frames ({@link FrameReader.Path#JACKSON}: the reference) */
    public OkxFrameDecoder(FrameReader.Path path) {
        this.reader = new FrameReader(path, this::decodeFrame, errors);
    }

    /** Decodes one text frame. */
    public DecodeStatus decode(String frame, OkxSink sink) {
        if (frame == null) {
            return errors.malformed("null frame");
        }
        if ("pong".equals(frame)) {
            errors.clear();
            sink.onControl(new OkxControl(OkxControl.Kind.PONG, null, null, null, null, null, null, null));
            return DecodeStatus.OK;
        }
        this.sink = sink;
        return reader.read(frame);
    }

    /** Decodes one frame given as UTF-8 bytes. */
    public DecodeStatus decode(byte[] utf8, int offset, int length, OkxSink sink) {
        if (length == 4 && utf8[offset] == 'p' && utf8[offset + 1] == 'o' && utf8[offset + 2] == 'n'
                && utf8[offset + 3] == 'g') {
            return decode("pong", sink);
        }
        this.sink = sink;
        return reader.read(utf8, offset, length);
    }

    /** Decodes one frame given as UTF-8 bytes in a buffer (not consumed). */
    public DecodeStatus decode(ByteBuf utf8, OkxSink sink) {
        int i = utf8.readerIndex();
        if (utf8.readableBytes() == 4 && utf8.getByte(i) == 'p' && utf8.getByte(i + 1) == 'o'
                && utf8.getByte(i + 2) == 'n' && utf8.getByte(i + 3) == 'g') {
            return decode("pong", sink);
        }
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
        OkxSink sink = this.sink;
        reset();
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return errors.malformed("frame is not a JSON object");
        }
        readTop(p);
        if (p.nextToken() != null) {
            return errors.malformed("trailing data after the JSON object");
        }
        errors.clear();
        if (event != null) {
            return control(sink);
        }
        if (channel == null || !hasData) {
            return errors.malformed("push data needs arg.channel and data");
        }
        switch (channel) {
            case "books":
            case "books-l2-tbt":
            case "books50-l2-tbt":
                return books(sink);
            case "books5":
                return books5(sink);
            case "bbo-tbt":
                return bbo(sink);
            case "trades":
            case "trades-all":
                return trades(sink);
            case "tickers":
                return tickers(sink);
            default:
                if (channel.startsWith("candle")) {
                    return candles(sink);
                }
                return errors.ignored("unsupported channel \"" + channel + "\"");
        }
    }

    private DecodeStatus control(OkxSink sink) {
        OkxControl.Kind kind;
        switch (event) {
            case "subscribe":
                kind = OkxControl.Kind.SUBSCRIBED;
                break;
            case "unsubscribe":
                kind = OkxControl.Kind.UNSUBSCRIBED;
                break;
            case "error":
                kind = OkxControl.Kind.ERROR;
                break;
            case "notice":
                kind = OkxControl.Kind.NOTICE;
                break;
            default:
                kind = OkxControl.Kind.OTHER;
                break;
        }
        sink.onControl(new OkxControl(kind, event, id, channel, argInstId, code, msg, connId));
        return DecodeStatus.OK;
    }

    private String instId(Element e) {
        String s = e.instId != null ? e.instId : argInstId;
        if (!JsonLevels.isSymbol(s)) {
            throw new MalformedFrameException("missing or invalid instId");
        }
        return s;
    }

    private DecodeStatus books(OkxSink sink) {
        boolean snapshot;
        if ("snapshot".equals(action)) {
            snapshot = true;
        } else if ("update".equals(action)) {
            snapshot = false;
        } else {
            return errors.malformed(channel + " push needs action snapshot or update");
        }
        for (int i = 0; i < count; i++) {
            Element e = elements.get(i);
            if (e.bids == null || e.asks == null || !(e.hasSeqId || e.hasChecksum)) {
                return errors.malformed(channel + " data needs bids, asks and seqId or checksum");
            }
            if (!e.hasSeqId && e.hasPrevSeqId) {
                return errors.malformed(channel + " data has prevSeqId but no seqId");
            }
            instId(e);
        }
        for (int i = 0; i < count; i++) {
            Element e = elements.get(i);
            String instId = instId(e);
            List<PriceLevel> bids = JsonLevels.immutable(e.bids);
            List<PriceLevel> asks = JsonLevels.immutable(e.asks);
            if (e.hasSeqId) {
                // since OKX deprecated the checksum, sequenced frames carry "checksum":0: nothing to verify
                OptionalInt checksum = e.hasChecksum && e.checksum != 0 ? OptionalInt.of(e.checksum)
                        : OptionalInt.empty();
                sink.onBook(OkxBookMessage.sequenced(instId, snapshot, bids, asks, e.seqId,
                        e.hasPrevSeqId ? e.prevSeqId : -1, checksum, e.ts));
            } else {
                // recorded before seqId existed: the checksum is the only check, and every value is one (0 too)
                sink.onBook(OkxBookMessage.checksumOnly(instId, snapshot, bids, asks, e.checksum, e.ts));
            }
        }
        return DecodeStatus.OK;
    }

    private DecodeStatus books5(OkxSink sink) {
        for (int i = 0; i < count; i++) {
            Element e = elements.get(i);
            if (e.bids == null || e.asks == null) {
                return errors.malformed("books5 data needs bids and asks");
            }
            instId(e);
        }
        for (int i = 0; i < count; i++) {
            Element e = elements.get(i);
            sink.onEvent(new BookSnapshot(SOURCE, instId(e), JsonLevels.immutable(e.bids),
                    JsonLevels.immutable(e.asks), Math.max(0, e.seqId), e.ts));
        }
        return DecodeStatus.OK;
    }

    private DecodeStatus bbo(OkxSink sink) {
        for (int i = 0; i < count; i++) {
            Element e = elements.get(i);
            if (e.bids == null || e.asks == null) {
                return errors.malformed("bbo-tbt data needs bids and asks");
            }
            instId(e);
        }
        for (int i = 0; i < count; i++) {
            Element e = elements.get(i);
            PriceLevel b = e.bids.isEmpty() ? null : e.bids.get(0);
            PriceLevel a = e.asks.isEmpty() ? null : e.asks.get(0);
            sink.onEvent(new BookTop(SOURCE, instId(e), b == null ? null : b.price(), b == null ? null : b.size(),
                    a == null ? null : a.price(), a == null ? null : a.size(), e.ts));
        }
        return DecodeStatus.OK;
    }

    private DecodeStatus trades(OkxSink sink) {
        for (int i = 0; i < count; i++) {
            Element e = elements.get(i);
            if (e.tradeId == null || e.px == null || e.sz == null) {
                return errors.malformed("trades data needs tradeId, px and sz");
            }
            if (e.tradeCount < 1) {
                return errors.malformed("trades count must be a positive number of matches");
            }
            String implausible = VenueNumbers.tradeProblem(e.px, e.sz); // before any is emitted: all or none
            if (implausible != null) {
                return errors.malformed(implausible);
            }
            instId(e);
        }
        for (int i = 0; i < count; i++) {
            Element e = elements.get(i);
            Side side = "buy".equals(e.side) ? Side.BUY : "sell".equals(e.side) ? Side.SELL : Side.UNKNOWN;
            sink.onEvent(new Trade(SOURCE, instId(e), e.tradeId, e.px, e.sz, side, e.ts, false, e.tradeCount));
        }
        return DecodeStatus.OK;
    }

    private DecodeStatus tickers(OkxSink sink) {
        for (int i = 0; i < count; i++) {
            Element e = elements.get(i);
            if (e.last == null) {
                return errors.malformed("tickers data needs last");
            }
            String implausible = VenueNumbers.tickerProblem(e.last);
            if (implausible != null) {
                return errors.malformed(implausible);
            }
            instId(e);
        }
        for (int i = 0; i < count; i++) {
            Element e = elements.get(i);
            sink.onEvent(new Ticker(SOURCE, instId(e), e.last, e.bidPx, e.bidSz, e.askPx, e.askSz, e.open24h,
                    e.high24h, e.low24h, e.vol24h, e.ts));
        }
        return DecodeStatus.OK;
    }

    private DecodeStatus candles(OkxSink sink) {
        Interval interval = intervalOf(channel.substring("candle".length()));
        if (interval == null) {
            return errors.ignored("unsupported candle channel \"" + channel + "\"");
        }
        if (!JsonLevels.isSymbol(argInstId)) {
            return errors.malformed("candle push needs arg.instId");
        }
        List<Kline> rows = new ArrayList<>(count); // every row parsed and checked before any is emitted
        for (int i = 0; i < count; i++) {
            List<String> c = elements.get(i).row;
            if (c == null || c.size() < 6) {
                return errors.malformed("candle row needs [ts, o, h, l, c, vol, ...]");
            }
            long ts = Long.parseLong(c.get(0));
            Decimal o = Decimal.parse(c.get(1));
            Decimal h = Decimal.parse(c.get(2));
            Decimal l = Decimal.parse(c.get(3));
            Decimal cl = Decimal.parse(c.get(4));
            Decimal vol = Decimal.parse(c.get(5));
            String implausible = VenueNumbers.klineProblem(o, h, l, cl, vol);
            if (ts < 0 || implausible != null) {
                return errors.malformed(ts < 0 ? "candle start time must not be negative" : implausible);
            }
            boolean closed = c.size() > 8 && "1".equals(c.get(8));
            rows.add(new Kline(SOURCE, argInstId, interval, ts, o, h, l, cl, vol, 0, closed, ts));
        }
        rows.forEach(sink::onEvent);
        return DecodeStatus.OK;
    }

    /** OKX bar names → our intervals: {@code 1s 1m 5m 15m 1H 4H 1Dutc} (only the UTC day, not
     * {@code 1D}, which starts at midnight Hong Kong time). */
    static Interval intervalOf(String bar) {
        switch (bar) {
            case "1s":
                return Interval.S1;
            case "1m":
                return Interval.M1;
            case "5m":
                return Interval.M5;
            case "15m":
                return Interval.M15;
            case "1H":
                return Interval.H1;
            case "4H":
                return Interval.H4; // Hong Kong time is UTC+8, so OKX's 4H candles are UTC-aligned already
            case "1Dutc":
                return Interval.D1;
            default:
                return null;
        }
    }

    // ---------------------------------------------------------------- streaming pass

    private void reset() {
        event = null;
        id = null;
        code = null;
        msg = null;
        connId = null;
        channel = null;
        argInstId = null;
        action = null;
        hasData = false;
        count = 0;
    }

    private void readTop(JsonParser p) throws IOException {
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "event":
                    event = names.text(p);
                    break;
                case "id":
                    id = JsonLevels.text(p);
                    break;
                case "code":
                    code = JsonLevels.text(p);
                    break;
                case "msg":
                    msg = JsonLevels.text(p);
                    break;
                case "connId":
                    connId = JsonLevels.text(p);
                    break;
                case "action":
                    action = names.text(p);
                    break;
                case "arg":
                    if (t != JsonToken.START_OBJECT) {
                        throw new MalformedFrameException("arg must be an object");
                    }
                    readArg(p);
                    break;
                case "data":
                    if (t != JsonToken.START_ARRAY) {
                        throw new MalformedFrameException("data must be an array");
                    }
                    hasData = true;
                    readData(p);
                    break;
                default:
                    p.skipChildren();
                    break;
            }
        }
    }

    private void readArg(JsonParser p) throws IOException {
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            if ("channel".equals(name)) {
                channel = names.text(p);
            } else if ("instId".equals(name)) {
                argInstId = names.text(p);
            } else {
                p.skipChildren();
            }
        }
    }

    private void readData(JsonParser p) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            Element e = next();
            if (t == JsonToken.START_OBJECT) {
                readElement(p, e);
            } else if (t == JsonToken.START_ARRAY) {
                e.row = new ArrayList<>(9);
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    e.row.add(JsonLevels.text(p));
                }
            } else {
                throw new MalformedFrameException("data entries must be objects or arrays");
            }
        }
    }

    private Element next() {
        if (count == elements.size()) {
            elements.add(new Element());
        }
        Element e = elements.get(count++);
        e.reset();
        return e;
    }

    private void readElement(JsonParser p, Element e) throws IOException {
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            switch (name) {
                case "asks":
                    e.asks = e.askBuffer();
                    JsonLevels.readLevels(p, e.asks);
                    break;
                case "bids":
                    e.bids = e.bidBuffer();
                    JsonLevels.readLevels(p, e.bids);
                    break;
                case "ts":
                    e.ts = JsonLevels.longValue(p);
                    break;
                case "checksum":
                    e.checksum = (int) JsonLevels.longValue(p);
                    e.hasChecksum = true;
                    break;
                case "seqId":
                    e.seqId = JsonLevels.longValue(p);
                    e.hasSeqId = true;
                    break;
                case "prevSeqId":
                    e.prevSeqId = JsonLevels.longValue(p);
                    e.hasPrevSeqId = true;
                    break;
                case "instId":
                    e.instId = names.text(p);
                    break;
                case "tradeId":
                    e.tradeId = JsonLevels.text(p);
                    break;
                case "count":
                    long matches = JsonLevels.longValue(p);
                    e.tradeCount = matches > Integer.MAX_VALUE ? 0 : (int) matches;
                    break;
                case "px":
                    e.px = JsonLevels.decimalOrNull(p, true);
                    break;
                case "sz":
                    e.sz = JsonLevels.decimalOrNull(p, true);
                    break;
                case "side":
                    e.side = names.text(p);
                    break;
                case "last":
                    e.last = JsonLevels.decimalOrNull(p, true);
                    break;
                case "askPx":
                    e.askPx = JsonLevels.decimalOrNull(p, true);
                    break;
                case "askSz":
                    e.askSz = JsonLevels.decimalOrNull(p, true);
                    break;
                case "bidPx":
                    e.bidPx = JsonLevels.decimalOrNull(p, true);
                    break;
                case "bidSz":
                    e.bidSz = JsonLevels.decimalOrNull(p, true);
                    break;
                case "open24h":
                    e.open24h = JsonLevels.decimalOrNull(p, true);
                    break;
                case "high24h":
                    e.high24h = JsonLevels.decimalOrNull(p, true);
                    break;
                case "low24h":
                    e.low24h = JsonLevels.decimalOrNull(p, true);
                    break;
                case "vol24h":
                    e.vol24h = JsonLevels.decimalOrNull(p, true);
                    break;
                default:
                    p.skipChildren();
                    break;
            }
        }
    }

    /** Scratch for one {@code data} entry; level buffers are reused (events get immutable copies). */
    private static final class Element {
        List<PriceLevel> asks;
        List<PriceLevel> bids;
        long ts;
        int checksum;
        boolean hasChecksum;
        long seqId;
        boolean hasSeqId;
        long prevSeqId;
        boolean hasPrevSeqId;
        String instId;
        String tradeId;
        /** OKX {@code count}: the matches one {@code trades} print aggregates (absent: 1). */
        int tradeCount;
        Decimal px;
        Decimal sz;
        String side;
        Decimal last;
        Decimal askPx;
        Decimal askSz;
        Decimal bidPx;
        Decimal bidSz;
        Decimal open24h;
        Decimal high24h;
        Decimal low24h;
        Decimal vol24h;
        List<String> row;
        private final ArrayList<PriceLevel> askBuf = new ArrayList<>(64);
        private final ArrayList<PriceLevel> bidBuf = new ArrayList<>(64);

        void reset() {
            asks = null;
            bids = null;
            ts = 0;
            checksum = 0;
            hasChecksum = false;
            seqId = 0;
            hasSeqId = false;
            prevSeqId = 0;
            hasPrevSeqId = false;
            instId = null;
            tradeId = null;
            tradeCount = 1;
            px = null;
            sz = null;
            side = null;
            last = null;
            askPx = null;
            askSz = null;
            bidPx = null;
            bidSz = null;
            open24h = null;
            high24h = null;
            low24h = null;
            vol24h = null;
            row = null;
        }

        List<PriceLevel> askBuffer() {
            askBuf.clear();
            return askBuf;
        }

        List<PriceLevel> bidBuffer() {
            bidBuf.clear();
            return bidBuf;
        }
    }
}
