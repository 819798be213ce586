package io.tickgate.feed;

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
            out.add(new PriceLevel(price, size));
        }
    }

    /** The current token as an exact decimal: a JSON string or a JSON number's literal text. */
    public static Decimal decimal(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            return Decimal.parse(p.getText());
        }
        throw new MalformedFrameException("expected a decimal, got " + t);
    }

    /** The current token as a long: a JSON integer or a string holding one (OKX sends {@code "ts":"159..."}). */
    public static long longValue(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return p.getLongValue();
        }
        if (t == JsonToken.VALUE_STRING) {
            return Long.parseLong(p.getText());
        }
        throw new MalformedFrameException("expected an integer, got " + t);
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
