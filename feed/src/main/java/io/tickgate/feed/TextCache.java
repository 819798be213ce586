package io.tickgate.feed;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Arrays;

/**
 * A small direct-mapped cache of the short strings a venue repeats in every frame (symbols, stream and channel
 * names, event types, actions), looked up by the parser's characters so that a repeated value costs no allocation.
 *
 * <p>Bounded: a fixed number of slots, each holding the last string that hashed there (a miss replaces it), and
 * values longer than {@link #MAX_LENGTH} are not cached. Not thread-safe: one per decoder (decoders are per
 * connection and single-threaded).
 */
public final class TextCache {

    /** Longer values are returned as new strings and not cached. */
    public static final int MAX_LENGTH = 64;

    private final String[] slots;
    /** The characters of each slot's string. */
    private final char[][] keys;
    private final int mask;

    /** @param capacity number of slots, rounded up to a power of two (at least 16) */
    public TextCache(int capacity) {
        int n = Integer.highestOneBit(Math.max(16, capacity) - 1) << 1;
        slots = new String[n];
        keys = new char[n][];
        mask = n - 1;
    }

    /** A cache of 256 slots: enough for the streams of one connection (Binance allows 1,024 per connection). */
    public TextCache() {
        this(256);
    }

    /** The string of {@code len} characters of {@code buf} from {@code offset}, shared when seen before. */
    public String get(char[] buf, int offset, int len) {
        if (len > MAX_LENGTH) {
            return new String(buf, offset, len);
        }
        int end = offset + len;
        if (len == 0) {
            return "";
        }
        // five sampled characters and the length: a cheap hash; a collision only costs a miss (the key is compared)
        int h = len;
        h = 31 * h + buf[offset];
        h = 31 * h + buf[offset + (len >> 2)];
        h = 31 * h + buf[offset + (len >> 1)];
        h = 31 * h + buf[end - 1 - (len >> 2)];
        h = 31 * h + buf[end - 1];
        h *= 0x9E3779B1;
        int slot = (h ^ (h >>> 15)) & mask;
        char[] key = keys[slot];
        if (key != null && key.length == len) {
            int k = 0;
            while (k < len && key[k] == buf[offset + k]) { // short keys: a plain loop beats the vectorized call
                k++;
            }
            if (k == len) {
                return slots[slot];
            }
        }
        // interned: decoders compare channel names, event types and actions with literals (identity first)
        String s = new String(buf, offset, len).intern();
        keys[slot] = Arrays.copyOfRange(buf, offset, end);
        slots[slot] = s;
        return s;
    }

    /**
     * The current token's text through the cache, like {@link JsonLevels#text}: strings, numbers and booleans; null
     * for JSON null.
     *
     * @throws MalformedFrameException if the token is not a scalar
     */
    public String text(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            return get(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        }
        return JsonLevels.text(p);
    }
}
