package io.tickgate.feed.venue;

import io.tickgate.feed.pipeline.FeedItem;
import java.util.Collection;

/**
 * What a venue's {@link SessionProtocol} may do with its socket and its pool. Implemented by the connection layer;
 * every call is made on the socket's event loop.
 */
public interface SessionIo {

    /** The id of this socket (tags the data it delivers). */
    long sessionId();

    /** Sends a control message under the connection's control budget (queued while the budget is spent). */
    void sendControl(String text);

    /** Sends a pong echoing a server ping (Binance counts it against the budget; it goes ahead of the queue). */
    void sendPong(byte[] payload);

    /** Sends a text the venue does not count against the control budget (OKX {@code ping}). */
    void sendHeartbeat(String text);

    /** Hands decoded data or a marker to the venue's processor. */
    void deliver(FeedItem item);

    /** A heartbeat arrived (a ping, a pong, or data where the venue treats data as one). */
    void heartbeat();

    /** These symbols' subscriptions are confirmed by the venue. */
    void verified(Collection<String> symbols);

    /** The venue rejected this symbol's subscription: reported, not retried. */
    void rejected(String symbol, String reason);

    /** The venue said "too frequent": the budget is paused this long. */
    void rateLimited(long waitMillis);

    /** The venue announced it will close this socket (Binance {@code serverShutdown}, OKX 64008). */
    void shutdownNotice(String why);

    /** A frame could not be decoded (counted and logged at debug). */
    void malformed(String why);
}
