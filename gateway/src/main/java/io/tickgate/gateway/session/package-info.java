/**
 * Per-connection session logic: {@link io.tickgate.gateway.session.SessionHandler} (auth, welcome, limits,
 * requests → hub commands and answers), {@link io.tickgate.gateway.session.InboundRateLimiter},
 * {@link io.tickgate.gateway.session.HeartbeatHandler} (pings, pong timeout) and
 * {@link io.tickgate.gateway.session.FrameErrorHandler} (oversized or corrupt frames → error + close code).
 */
package io.tickgate.gateway.session;
