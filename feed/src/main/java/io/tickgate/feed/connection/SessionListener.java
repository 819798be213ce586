package io.tickgate.feed.connection;

import java.util.Collection;

/** What a {@link Session} tells the pooled connection that owns it; called on the session's event loop. */
public interface SessionListener {

    /** The WebSocket is open; subscriptions are being sent. */
    void sessionOpened(Session session);

    /** These symbols are confirmed on the session. */
    void sessionVerified(Session session, Collection<String> symbols);

    /** The venue rejected a symbol on this session. */
    void symbolRejected(Session session, String symbol, String reason);

    /** The venue announced it will close the session soon (rotate now). */
    void shutdownNotice(Session session, String why);

    /** The session's socket closed (once, last). */
    void sessionClosed(Session session);
}
