package io.tickgate.store.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a page of trades ended: the last trade's (timestamp, trade id), the sort key of trades. Sent to clients as an
 * opaque URL-safe string, so a page boundary never splits or repeats trades of the same millisecond.
 */
public record TradeCursor(long timestamp, String tradeId) {

    /** The opaque form for a client. */
    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((timestamp + ":" + tradeId).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a client's cursor.
     *
     * @throws IllegalArgumentException if {@code text} is not a cursor this class encoded
     */
    public static TradeCursor decode(String text) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int colon = s.indexOf(':');
            if (colon <= 0 || colon == s.length() - 1) {
                throw new IllegalArgumentException("not a cursor");
            }
            return new TradeCursor(Long.parseLong(s.substring(0, colon)), s.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cursor: not a cursor this server returned", e);
        }
    }
}
