package io.tickgate.feed.connection;

import io.netty.buffer.ByteBuf;

/** What a {@link WsClientHandler} reports, on the channel's event loop, in order. */
public interface WsListener {

    /** The handshake succeeded: the socket is a WebSocket now. */
    void onOpen();

    /**
     * The server answered the upgrade with an HTTP error (e.g. 429 with {@code Retry-After}, 503, 400).
     *
     * @param status           the HTTP status
     * @param retryAfterMillis the {@code Retry-After} header in ms, or 0
     * @param body             the response body (for the log)
     */
    void onRejected(int status, long retryAfterMillis, String body);

    /**
     * A text frame (continuations already joined), as its UTF-8 bytes: readable only during the call (the buffer is
     * released after it). Decoders read the bytes directly; no {@code String} is made of the frame.
     */
    void onText(ByteBuf utf8);

    /** A ping from the server; the payload must be echoed in a pong. */
    void onPing(byte[] payload);

    /** A pong from the server. */
    void onPong();

    /** The server sent a close frame. */
    void onCloseFrame(int code, String reason);

    /** The socket closed (always called last, once). */
    void onClosed(Throwable cause);
}
