package io.tickgate.feed.venues.okx;

/**
 * A non-market message from OKX.
 *
 * @param kind    what it is
 * @param event   the raw {@code event} value ({@code subscribe}, {@code error}, {@code notice}, ...); null for pong
 * @param id      the request id echoed back, or null
 * @param channel {@code arg.channel}, or null
 * @param instId  {@code arg.instId}, or null
 * @param code    the error/notice code ({@code "60012"}), or null
 * @param message the venue's message, or null
 * @param connId  the connection id, or null
 */
public record OkxControl(Kind kind, String event, String id, String channel, String instId, String code,
                         String message, String connId) {

    /** The kinds of control message. */
    public enum Kind {
        /** {@code event: subscribe} — a subscription is confirmed. */
        SUBSCRIBED,
        /** {@code event: unsubscribe}. */
        UNSUBSCRIBED,
        /** {@code event: error} (60012 invalid request, 60013 invalid args, 60014 too frequent, 60018 wrong URL...). */
        ERROR,
        /** {@code event: notice} (64008: the service will be upgraded, reconnect). */
        NOTICE,
        /** The text frame {@code pong}, answering our {@code ping}. */
        PONG,
        /** Any other event ({@code login}, {@code channel-conn-count}, ...). */
        OTHER
    }

    /** The OKX error code for "too frequent" (rate limited): back off. */
    public static final String TOO_FREQUENT = "60014";
}
