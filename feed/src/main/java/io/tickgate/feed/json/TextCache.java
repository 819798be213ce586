package io.tickgate.feed.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Arrays;

/**
 * A small cache of the short strings a venue repeats in every frame (field names, symbols, stream and channel names,
 * event types, actions), looked up by the parser's characters so that a repeated value costs no allocation. Cached
 * strings are interned: the decoders compare them with literals in {@code switch} statements and {@code equals},
 * which then succeed on identity.
 *
 * <p>Bounded: buckets of two slots by hash (a miss fills an empty slot, else replaces the bucket's second one), and
 * values longer than {@link #MAX_LENGTH} are not cached. Not thread-safe: one per decoder or parser (both are per
 * connection and single-threaded).
 */
public final class TextCache {

    /** Longer values are returned as new strings and not cached. */
    public static final int MAX_LENGTH = 64;

    private final String[] slots;
    /** The characters of each slot's string. */
    private final char[][] keys;
    /** Bits of the mixed hash that pick a bucket. */
    private final int bucketShift;

    /** @param capacity number of slots, rounded up to a power of two (at least 16) */
    public TextCache(int capacity) {
        int n = Integer.highestOneBit(Math.max(16, capacity) - 1) << 1;
        slots = new String[n];
        keys = new char[n][];
        bucketShift = 32 - Integer.numberOfTrailingZeros(n / 2);
    }

    /** A cache of 256 slots: enough for the streams of one connection (Binance allows 1,024 per connection). */
    public TextCache() {
        this(256);
    }

    /** The string of {@code len} characters of {@code buf} from {@code offset}, shared when seen before. */
    public String get(char[] buf, int offset, int len) {
        if (len == 0 || len > MAX_LENGTH) {
            return len == 0 ? "" : new String(buf, offset, len);
        }
        // five sampled characters and the length: a cheap hash; a collision only costs a miss (the key is compared)
        int end = offset + len;
        int h = len;
        h = 31 * h + buf[offset];
        h = 31 * h + buf[offset + (len >> 2)];
        h = 31 * h + buf[offset + (len >> 1)];
        h = 31 * h + buf[end - 1 - (len >> 2)];
        h = 31 * h + buf[end - 1];
        return get(buf, offset, len, h);
    }

    /**
     * The same, with a hash of the characters the caller already computed (e.g. while scanning for the closing
     * quote); equal character runs must get equal hashes.
     */
    public String get(char[] buf, int offset, int len, int hash) {
        if (len == 0 || len > MAX_LENGTH) {
            return len == 0 ? "" : new String(buf, offset, len);
        }
        int slot = ((hash * 0x9E3779B1) >>> bucketShift) << 1;
        if (matches(keys[slot], buf, offset, len)) {
            return slots[slot];
        }
        if (matches(keys[slot + 1], buf, offset, len)) {
            return slots[slot + 1];
        }
        String s = new String(buf, offset, len).intern();
        int into = keys[slot] == null ? slot : slot + 1;
        keys[into] = Arrays.copyOfRange(buf, offset, offset + len);
        slots[into] = s;
        return s;
    }

    private static boolean matches(char[] key, char[] buf, int offset, int len) {
        if (key == null || key.length != len) {
            return false;
        }
        for (int k = 0; k < len; k++) { // short keys: a plain loop beats the vectorized call
            if (key[k] != buf[offset + k]) {
                return false;
            }
        }
        return true;
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
