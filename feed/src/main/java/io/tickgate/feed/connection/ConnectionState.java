package io.tickgate.feed.connection;

/** The states of one pooled upstream connection, as shown by {@code /api/v1/feeds} and metrics. */
public enum ConnectionState {
    /** Opening the socket and doing the WebSocket handshake. */
    CONNECTING,
    /** Connected; subscriptions are being sent and verified. */
    SUBSCRIBING,
    /** Connected and every subscription verified (or reported as rejected). */
    UP,
    /** Waiting before the next attempt (backoff, a venue's {@code Retry-After}, or the attempt budget). */
    BACKOFF,
    /** Closed for good (pool stopped or scaled down). */
    CLOSED;

    /** The lowercase name used in JSON and metric tags. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
