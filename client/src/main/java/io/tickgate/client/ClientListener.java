package io.tickgate.client;

import com.fasterxml.jackson.databind.JsonNode;

/** Connection-level callbacks, on the client's dispatcher thread in order with the topic messages. */
public interface ClientListener {

    /** Connection states. */
    enum State {
        /** A connection attempt started. */
        CONNECTING,
        /** The WebSocket is open and subscriptions were (re)sent. */
        CONNECTED,
        /** The connection was lost; a reconnect follows after a backoff delay. */
        DISCONNECTED,
        /** {@link TickgateClient#close()} was called; final. */
        CLOSED
    }

    /** @param attempt reconnect attempts since the last stable connection; {@code detail} explains, may be empty */
    default void onState(State state, int attempt, String detail) {
    }

    /** Messages of a topic could not be recovered; see {@link Gap}. */
    default void onGap(Gap gap) {
    }

    /**
     * Trades of a subscribed topic were lost upstream for good (a {@code gap} message, in seq order with the
     * topic's messages): the venue ids {@code fromId..toId} will never arrive.
     */
    default void onUpstreamGap(UpstreamGap gap) {
    }

    /** An {@code error} message from the server (e.g. {@code UNKNOWN_TOPIC} for a subscribe). */
    default void onServerError(JsonNode error) {
    }
}
