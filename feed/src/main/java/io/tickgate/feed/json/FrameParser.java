package io.tickgate.feed.json;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.core.base.ParserMinimalBase;
import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.PriceLevel;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * The venue decoders' fast path: a strict, reusable JSON pull parser over one frame at a time, for the plain JSON
 * venues push millions of times a second. It is a Jackson {@link com.fasterxml.jackson.core.JsonParser}, so the
 * decoders read it with the same code as Jackson's own parser, but it is reset per frame instead of created
 * (Jackson allocates ~720 bytes of parser state per frame), tokenizes a reusable {@code char[]} copy of the frame,
 * hands strings and numbers out as ranges of that buffer, and returns field names from a per-parser
 * {@link TextCache}.
 *
 * <p>It only accepts what Jackson's default parser produces the same tokens for, and gives up — throwing
 * {@link Fallback} — on everything else: escape sequences, control characters in strings, numbers Jackson would
 * reject or that do not fit a long when asked for one, nesting deeper than {@value #MAX_DEPTH}, a second root value,
 * invalid or truncated JSON, and any accessor the decoders do not use. {@link FrameReader} then decodes the same
 * frame again with Jackson, which is the reference for every frame this parser declines (and produces the error
 * message for malformed ones). So a frame decodes identically either way; this parser only decides how fast.
 *
 * <p>Not thread-safe: one per decoder.
 */
public final class FrameParser extends ParserMinimalBase {

    /** Deeper nesting than venue frames use; Jackson decides those. */
    static final int MAX_DEPTH = 32;
    /** Frames longer than this (in chars) go to Jackson, so the reusable buffer stays small. */
    static final int MAX_FRAME_CHARS = 1 << 16;
    /** Longer number literals go to Jackson (which has its own limits). */
    private static final int MAX_NUMBER_CHARS = 64;

    /**
     * Thrown when this parser declines a frame; the caller decodes the frame with Jackson instead. One shared
     * instance without a stack trace: declining costs no allocation.
     */
    public static final class Fallback extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private Fallback() {
            super("fast path declined the frame", null, false, false);
        }
    }

    static final Fallback FALLBACK = new Fallback();

    private char[] buf = new char[1024];
    private int pos;
    private int end;
    /** Depth of the current container: 0 at the root. */
    private int depth;
    /** Per depth: is the container an object. */
    private final boolean[] inObject = new boolean[MAX_DEPTH + 1];
    /** Per depth: the last field name read in that object. */
    private final String[] names = new String[MAX_DEPTH + 1];
    /** A value has completed at the current depth: a comma or the container's end comes next. */
    private boolean afterValue;
    private boolean rootDone;
    private boolean closed = true;
    private int textStart;
    private int textLen;
    private final TextCache fieldNames = new TextCache(512);

    public FrameParser() {
        super(0, StreamReadConstraints.defaults());
    }

    /**
     * Starts a new frame (copying its characters). False — use Jackson — when the frame is too long for the reusable
     * buffer.
     */
    public boolean reset(String frame) {
        int n = frame.length();
        if (n > MAX_FRAME_CHARS) {
            return false;
        }
        ensure(n);
        frame.getChars(0, n, buf, 0);
        start(n);
        return true;
    }

    /**
     * Starts a new frame given as UTF-8 bytes. False — use Jackson — when a byte is not ASCII (Jackson decodes and
     * validates UTF-8) or the frame is too long.
     */
    public boolean reset(byte[] utf8, int offset, int length) {
        if (length > MAX_FRAME_CHARS) {
            return false;
        }
        ensure(length);
        char[] b = buf;
        for (int i = 0; i < length; i++) {
            byte c = utf8[offset + i];
            if (c < 0) {
                return false;
            }
            b[i] = (char) c;
        }
        start(length);
        return true;
    }

    private void ensure(int n) {
        if (buf.length < n) {
            buf = new char[Math.max(n, buf.length * 2)];
        }
    }

    private void start(int n) {
        pos = 0;
        end = n;
        depth = 0;
        afterValue = false;
        rootDone = false;
        closed = false;
        _currToken = null;
    }

    // ---------------------------------------------------------------- tokens

    @Override
    public JsonToken nextToken() {
        if (_currToken == JsonToken.FIELD_NAME) {
            return _currToken = value(skipWs()); // the colon was consumed with the name
        }
        int c = skipWs();
        if (depth == 0) {
            if (rootDone) {
                if (c < 0) {
                    return _currToken = null;
                }
                throw FALLBACK; // a second root value: Jackson's call
            }
            return _currToken = value(c);
        }
        boolean object = inObject[depth];
        if (afterValue) {
            if (c == ',') {
                pos++;
                afterValue = false;
                c = skipWs();
                return _currToken = object ? name(c) : value(c);
            }
            return _currToken = closeContainer(c, object);
        }
        // just after '{' or '['
        if (object) {
            return _currToken = c == '}' ? closeContainer(c, true) : name(c);
        }
        return _currToken = c == ']' ? closeContainer(c, false) : value(c);
    }

    @Override
    public String nextFieldName() {
        return nextToken() == JsonToken.FIELD_NAME ? names[depth] : null;
    }

    private JsonToken closeContainer(int c, boolean object) {
        if (c != (object ? '}' : ']')) {
            throw FALLBACK;
        }
        pos++;
        depth--;
        completed();
        return object ? JsonToken.END_OBJECT : JsonToken.END_ARRAY;
    }

    private void completed() {
        if (depth == 0) {
            rootDone = true;
        } else {
            afterValue = true;
        }
    }

    private JsonToken name(int c) {
        if (c != '"') {
            throw FALLBACK;
        }
        int start = ++pos;
        // one pass: find the closing quote and hash the name, then look it up
        char[] b = buf;
        int e = end;
        int h = 0;
        int i = start;
        for (;; i++) {
            if (i == e) {
                throw FALLBACK; // unterminated
            }
            char ch = b[i];
            if (ch == '"') {
                break;
            }
            if (ch == '\\' || ch < 0x20) {
                throw FALLBACK;
            }
            h = 31 * h + ch;
        }
        names[depth] = fieldNames.get(b, start, i - start, h);
        pos = i + 1;
        if (skipWs() != ':') {
            throw FALLBACK;
        }
        pos++;
        return JsonToken.FIELD_NAME;
    }

    private JsonToken value(int c) {
        switch (c) {
            case '"': {
                int start = ++pos;
                int i = stringEnd(start);
                textStart = start;
                textLen = i - start;
                pos = i + 1;
                completed();
                return JsonToken.VALUE_STRING;
            }
            case '{':
            case '[':
                if (depth == MAX_DEPTH) {
                    throw FALLBACK;
                }
                pos++;
                depth++;
                inObject[depth] = c == '{';
                afterValue = false;
                return c == '{' ? JsonToken.START_OBJECT : JsonToken.START_ARRAY;
            case 't':
                return literal("true", JsonToken.VALUE_TRUE);
            case 'f':
                return literal("false", JsonToken.VALUE_FALSE);
            case 'n':
                return literal("null", JsonToken.VALUE_NULL);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw FALLBACK; // end of input, '}' / ']' / ',' where a value belongs, garbage
        }
    }

    /**
     * Reads a whole array of price levels ({@code [["px","sz", ...], ...]}, the bulk of every book frame) without
     * going token by token: the parser is on the array's {@link JsonToken#START_ARRAY} and ends on its
     * {@link JsonToken#END_ARRAY}, as after reading it with {@link #nextToken()}. Same result as
     * {@link JsonLevels#readLevels} over tokens; declines ({@link Fallback}) anything but strings and numbers in a
     * level, so the error for a malformed level comes from the token-by-token path.
     */
    void readLevels(List<PriceLevel> out) {
        if (_currToken != JsonToken.START_ARRAY) {
            throw FALLBACK;
        }
        int c = skipWs();
        if (c != ']') {
            while (true) {
                if (c != '[') {
                    throw FALLBACK;
                }
                pos++;
                Decimal price = quotedDecimal(skipWs());
                if (skipWs() != ',') {
                    throw FALLBACK;
                }
                pos++;
                Decimal size = quotedDecimal(skipWs());
                while ((c = skipWs()) == ',') { // OKX: deprecated liquidation count and order count
                    pos++;
                    c = skipWs();
                    if (c == '"') {
                        pos = stringEnd(pos + 1) + 1;
                    } else if (c == '-' || (c >= '0' && c <= '9')) {
                        number();
                    } else {
                        throw FALLBACK;
                    }
                }
                if (c != ']') {
                    throw FALLBACK;
                }
                pos++;
                out.add(VenueNumbers.level(price, size));
                c = skipWs();
                if (c == ']') {
                    break;
                }
                if (c != ',') {
                    throw FALLBACK;
                }
                pos++;
                c = skipWs();
            }
        }
        pos++;
        depth--;
        completed();
        _currToken = JsonToken.END_ARRAY;
    }

    /** A price or size: a JSON string, or a JSON number's literal text (OKX's older book format). */
    private Decimal quotedDecimal(int c) {
        if (c == '"') {
            int start = pos + 1;
            int close = stringEnd(start);
            pos = close + 1;
            return Decimal.parse(buf, start, close - start);
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            number();
            return Decimal.parse(buf, textStart, textLen);
        }
        throw FALLBACK;
    }

    /** The index of the closing quote of a string starting at {@code start}; declines escapes and control chars. */
    private int stringEnd(int start) {
        char[] b = buf;
        int e = end;
        for (int i = start; i < e; i++) {
            char ch = b[i];
            if (ch == '"') {
                return i;
            }
            if (ch == '\\' || ch < 0x20) {
                throw FALLBACK;
            }
        }
        throw FALLBACK; // unterminated
    }

    private JsonToken literal(String word, JsonToken token) {
        int n = word.length();
        if (pos + n > end) {
            throw FALLBACK;
        }
        for (int i = 0; i < n; i++) {
            if (buf[pos + i] != word.charAt(i)) {
                throw FALLBACK;
            }
        }
        pos += n;
        delimiter();
        completed();
        return token;
    }

    /** JSON's number grammar exactly: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}. */
    private JsonToken number() {
        char[] b = buf;
        int start = pos;
        int i = pos;
        if (b[i] == '-') {
            i++;
        }
        if (i == end) {
            throw FALLBACK;
        }
        if (b[i] == '0') {
            i++;
        } else {
            int d = digits(i);
            if (d == i) {
                throw FALLBACK;
            }
            i = d;
        }
        boolean integer = true;
        if (i < end && b[i] == '.') {
            int d = digits(i + 1);
            if (d == i + 1) {
                throw FALLBACK;
            }
            i = d;
            integer = false;
        }
        if (i < end && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < end && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            int d = digits(i);
            if (d == i) {
                throw FALLBACK;
            }
            i = d;
            integer = false;
        }
        if (i - start > MAX_NUMBER_CHARS) {
            throw FALLBACK;
        }
        textStart = start;
        textLen = i - start;
        pos = i;
        delimiter();
        completed();
        return integer ? JsonToken.VALUE_NUMBER_INT : JsonToken.VALUE_NUMBER_FLOAT;
    }

    private int digits(int i) {
        char[] b = buf;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        return i;
    }

    /** After a number or literal: the end, whitespace or a structural character (Jackson rejects {@code 1x}). */
    private void delimiter() {
        if (pos < end) {
            char c = buf[pos];
            if (c != ',' && c != '}' && c != ']' && c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                throw FALLBACK;
            }
        }
    }

    /** Skips JSON whitespace; the next character, or -1 at the end. */
    private int skipWs() {
        int i = pos;
        if (i < end) {
            char c = buf[i];
            if (c > ' ') {
                return c; // venues send no whitespace: small enough to inline everywhere
            }
        }
        return skipWsSlow();
    }

    private int skipWsSlow() {
        char[] b = buf;
        int i = pos;
        while (i < end) {
            char c = b[i];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                pos = i;
                return c;
            }
            i++;
        }
        pos = i;
        return -1;
    }

    // ---------------------------------------------------------------- values

    @Override
    public String getText() {
        JsonToken t = _currToken;
        if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            return new String(buf, textStart, textLen);
        }
        if (t == JsonToken.FIELD_NAME) {
            return names[depth];
        }
        return t == null ? null : t.asString();
    }

    @Override
    public char[] getTextCharacters() {
        if (hasTextCharacters()) {
            return buf;
        }
        String s = getText();
        return s == null ? null : s.toCharArray();
    }

    @Override
    public int getTextOffset() {
        return hasTextCharacters() ? textStart : 0;
    }

    @Override
    public int getTextLength() {
        if (hasTextCharacters()) {
            return textLen;
        }
        String s = getText();
        return s == null ? 0 : s.length();
    }

    @Override
    public boolean hasTextCharacters() {
        JsonToken t = _currToken;
        return t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT;
    }

    /** Integers of up to 18 digits; anything else (bigger, or not an integer) goes to Jackson. */
    @Override
    public long getLongValue() {
        if (_currToken != JsonToken.VALUE_NUMBER_INT) {
            throw FALLBACK;
        }
        int i = textStart;
        int e = textStart + textLen;
        boolean negative = buf[i] == '-';
        if (negative) {
            i++;
        }
        if (e - i > 18) {
            throw FALLBACK;
        }
        long v = 0;
        for (; i < e; i++) {
            v = v * 10 + (buf[i] - '0');
        }
        return negative ? -v : v;
    }

    @Override
    public int getIntValue() {
        long v = getLongValue();
        if (v != (int) v) {
            throw FALLBACK;
        }
        return (int) v;
    }

    @Override
    @Deprecated // abstract in Jackson 2.x; currentName()/currentLocation() delegate to it
    public String getCurrentName() {
        JsonToken t = _currToken;
        int d = t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY ? depth - 1 : depth;
        return d > 0 && inObject[d] ? names[d] : null;
    }

    // ---------------------------------------------------------------- the rest: not used by the decoders

    @Override
    public Number getNumberValue() {
        throw FALLBACK;
    }

    @Override
    public NumberType getNumberType() {
        throw FALLBACK;
    }

    @Override
    public BigInteger getBigIntegerValue() {
        throw FALLBACK;
    }

    @Override
    public float getFloatValue() {
        throw FALLBACK;
    }

    @Override
    public double getDoubleValue() {
        throw FALLBACK;
    }

    @Override
    public BigDecimal getDecimalValue() {
        throw FALLBACK;
    }

    @Override
    public byte[] getBinaryValue(Base64Variant b64variant) {
        throw FALLBACK;
    }

    @Override
    public JsonStreamContext getParsingContext() {
        throw FALLBACK;
    }

    @Override
    public void overrideCurrentName(String name) {
        throw FALLBACK;
    }

    @Override
    protected void _handleEOF() {
        throw FALLBACK; // inside skipChildren: truncated input
    }

    @Override
    public ObjectCodec getCodec() {
        return null;
    }

    @Override
    public void setCodec(ObjectCodec codec) {
        throw new UnsupportedOperationException("FrameParser has no codec");
    }

    @Override
    public Version version() {
        return Version.unknownVersion();
    }

    @Override
    @Deprecated // abstract in Jackson 2.x; currentName()/currentLocation() delegate to it
    public JsonLocation getCurrentLocation() {
        return JsonLocation.NA;
    }

    @Override
    @Deprecated // abstract in Jackson 2.x; currentName()/currentLocation() delegate to it
    public JsonLocation getTokenLocation() {
        return JsonLocation.NA;
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }
}
