package io.tickgate.feed.venues.binance;

import java.util.List;

/**
 * A non-market message from Binance.
 *
 * @param kind   what it is
 * @param id     the request id echoed by the venue (text; null when absent)
 * @param result for {@link Kind#RESULT}: the list result of {@code LIST_SUBSCRIPTIONS}, empty for {@code null}
 *               (success of SUBSCRIBE/UNSUBSCRIBE) or a scalar result
 * @param code   for {@link Kind#ERROR}: the venue's error code, else 0
 * @param message for {@link Kind#ERROR}: the venue's message, else null
 * @param timestamp event time for {@link Kind#SERVER_SHUTDOWN}, else 0
 */
public record BinanceControl(Kind kind, String id, List<String> result, int code, String message, long timestamp) {

    public BinanceControl {
        result = result == null ? List.of() : List.copyOf(result);
    }

    /** The kinds of control message. */
    public enum Kind {
        /** A reply to SUBSCRIBE / UNSUBSCRIBE / LIST_SUBSCRIPTIONS / properties. */
        RESULT,
        /** An error reply: {@code {"error":{"code":2,"msg":".."},"id":1}} or {@code {"code":..,"msg":..}}. */
        ERROR,
        /** The server announced it will close the connection soon. */
        SERVER_SHUTDOWN
    }
}
