/**
 * Per-connection session logic: {@link io.tickgate.gateway.session.SessionHandler} (welcome, limits, topic ACL,
 * requests → hub commands and answers), {@code ConnectionAuth} (token verification, auth message, refresh,
 * expiry), {@link io.tickgate.gateway.session.InboundRateLimiter},
 * {@link io.tickgate.gateway.session.HeartbeatHandler} (pings, pong timeout) and
 * {@link io.tickgate.gateway.session.FrameErrorHandler} (oversized or corrupt frames → error + close code).
 */
package io.tickgate.gateway.session;
