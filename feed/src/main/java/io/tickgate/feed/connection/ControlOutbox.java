package io.tickgate.feed.connection;

import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.ArrayDeque;

/**
 * One socket's control messages waiting for the venue's control budget (subscribe requests, pongs), in the order
 * they go: a pong first, but at most one waits (a newer ping's pong replaces it: RFC 6455 lets an endpoint answer
 * only the latest of several pings), and a pong never goes twice in a row while something else waits. A venue that
 * pings faster than its budget allows then neither grows this queue nor starves the subscribe requests behind the
 * pongs. Owned by the socket's event loop.
 */
final class ControlOutbox {

    private final ArrayDeque<WebSocketFrame> waiting = new ArrayDeque<>();
    /** The last frame taken was a pong. */
    private boolean pongLast;

    /** A control message, after the ones already waiting. */
    void add(WebSocketFrame frame) {
        waiting.addLast(frame);
    }

    /** A pong, ahead of everything; it replaces (and releases) a pong still waiting. */
    void addPong(PongWebSocketFrame pong) {
        if (waiting.peekFirst() instanceof PongWebSocketFrame older) {
            waiting.pollFirst();
            older.release();
        }
        waiting.addFirst(pong);
    }

    boolean isEmpty() {
        return waiting.isEmpty();
    }

    int size() {
        return waiting.size();
    }

    /** The next frame to send (the caller writes it), or null when none waits. */
    WebSocketFrame take() {
        WebSocketFrame next = waiting.pollFirst();
        if (next instanceof PongWebSocketFrame && pongLast && !waiting.isEmpty()) {
            WebSocketFrame other = waiting.pollFirst();
            waiting.addFirst(next); // the pong waits one turn
            next = other;
        }
        pongLast = next instanceof PongWebSocketFrame;
        return next;
    }

    /** Releases every waiting frame (the socket closed). */
    void clear() {
        waiting.forEach(WebSocketFrame::release);
        waiting.clear();
    }
}
