/**
 * Per-connection session logic: {@link io.tickgate.gateway.session.SessionHandler} (welcome, limits, topic ACL,
 * requests → hub commands and answers), {@code ConnectionAuth} (token verification, auth message, refresh,
 * expiry), {@code UnknownTopics} and {@code HeldRequests} (a topic this node does not know is looked up in the
 * cluster's topic directory before UNKNOWN_TOPIC; the connection's later requests wait in order meanwhile),
 * {@link io.tickgate.gateway.session.InboundRateLimiter},
 * {@link io.tickgate.gateway.session.HeartbeatHandler} (pings, pong timeout) and
 * {@link io.tickgate.gateway.session.FrameErrorHandler} (oversized or corrupt frames → error + close code).
 */
package io.tickgate.gateway.session;
