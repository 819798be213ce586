package io.tickgate.feed.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.PriceLevel;
import io.tickgate.model.topic.Topic;
import java.io.IOException;
import java.util.List;

/**
 * Streaming helpers shared by the venue parsers: price levels ({@code [["px","sz", ...], ...]}) and scalar fields.
 * Prices and sizes keep the venue's text exactly (numbers given as JSON numbers keep their literal text).
 */
public final class JsonLevels {

    private JsonLevels() {
    }

    /**
     * Reads an array of levels; the parser is on its {@link JsonToken#START_ARRAY}. Each level is an array whose
     * first two elements are price and size; further elements (OKX order counts) are skipped.
     *
     * @throws MalformedFrameException if a level is not an array of at least two decimals
     */
    public static void readLevels(JsonParser p, List<PriceLevel> out) throws IOException {
        if (p instanceof FrameParser fast) {
            fast.readLevels(out); // whole arrays at once; a declined frame is read again from the start
            return;
        }
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new MalformedFrameException("levels must be an array");
        }
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_ARRAY) {
                throw new MalformedFrameException("level must be an array");
            }
            p.nextToken();
            Decimal price = decimal(p);
            p.nextToken();
            Decimal size = decimal(p);
            while (p.nextToken() != JsonToken.END_ARRAY) {
                p.skipChildren();
            }
            out.add(VenueNumbers.level(price, size));
        }
    }

    /** The current token as an exact decimal: a JSON string or a JSON number's literal text. */
    public static Decimal decimal(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            // straight from the parser's buffer: one pass, and the text String is created once, inside Decimal
            return Decimal.parse(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        }
        throw new MalformedFrameException("expected a decimal, got " + t);
    }

    /**
     * The current token as a decimal read straight from the parser's buffer, or null for JSON null (and, when
     * {@code emptyIsNull}, for an empty string: OKX sends {@code ""} for values it does not have).
     *
     * @throws MalformedFrameException for a token that is not a string or a number
     * @throws NumberFormatException   for text that is not a decimal
     */
    public static Decimal decimalOrNull(JsonParser p, boolean emptyIsNull) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL || (emptyIsNull && t == JsonToken.VALUE_STRING && p.getTextLength() == 0)) {
            return null;
        }
        return decimal(p);
    }

    /** The current token as a long: a JSON integer or a string holding one (OKX sends {@code "ts":"159..."}). */
    public static long longValue(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return p.getLongValue();
        }
        if (t == JsonToken.VALUE_STRING) {
            return parseLong(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        }
        throw new MalformedFrameException("expected an integer, got " + t);
    }

    /**
     * {@link Long#parseLong} over characters without creating a string: up to 18 ASCII digits with an optional
     * {@code -} are parsed in place; anything else goes through {@code Long.parseLong} (same result, same errors).
     */
    static long parseLong(char[] buf, int offset, int len) {
        int i = offset;
        int end = offset + len;
        boolean negative = len > 1 && buf[i] == '-';
        if (negative) {
            i++;
        }
        if (end - i > 0 && end - i <= 18) {
            long v = 0;
            for (; i < end; i++) {
                char c = buf[i];
                if (c < '0' || c > '9') {
                    break;
                }
                v = v * 10 + (c - '0');
            }
            if (i == end) {
                return negative ? -v : v;
            }
        }
        return Long.parseLong(new String(buf, offset, len));
    }

    /**
     * An immutable copy of a scratch level list, made with one array copy (or none for up to two levels), so that
     * the event records' own {@code List.copyOf} keeps it as is instead of copying twice (the
     * fixed-arity {@code List.of} overloads, up to 10 elements, use their argument array without a second copy).
     */
    public static List<PriceLevel> immutable(List<PriceLevel> l) {
        switch (l.size()) {
            case 0:
                return List.of();
            case 1:
                return List.of(l.get(0));
            case 2:
                return List.of(l.get(0), l.get(1));
            case 3:
                return List.of(l.get(0), l.get(1), l.get(2));
            case 4:
                return List.of(l.get(0), l.get(1), l.get(2), l.get(3));
            case 5:
                return List.of(l.get(0), l.get(1), l.get(2), l.get(3), l.get(4));
            case 6:
                return List.of(l.get(0), l.get(1), l.get(2), l.get(3), l.get(4), l.get(5));
            case 7:
                return List.of(l.get(0), l.get(1), l.get(2), l.get(3), l.get(4), l.get(5), l.get(6));
            case 8:
                return List.of(l.get(0), l.get(1), l.get(2), l.get(3), l.get(4), l.get(5), l.get(6), l.get(7));
            case 9:
                return List.of(l.get(0), l.get(1), l.get(2), l.get(3), l.get(4), l.get(5), l.get(6), l.get(7),
                        l.get(8));
            case 10:
                return List.of(l.get(0), l.get(1), l.get(2), l.get(3), l.get(4), l.get(5), l.get(6), l.get(7),
                        l.get(8), l.get(9));
            default:
                return List.copyOf(l);
        }
    }

    /** The current token as text (strings, numbers, booleans), or null for JSON null. */
    public static String text(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != null && t.isScalarValue()) {
            return p.getText();
        }
        throw new MalformedFrameException("expected a scalar, got " + t);
    }

    /** True when {@code s} is a valid topic symbol of at most 64 characters ({@link Topic#isSymbol}). */
    public static boolean isSymbol(String s) {
        return s != null && s.length() <= 64 && Topic.isSymbol(s);
    }
}
