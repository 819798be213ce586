/**
 * One upstream WebSocket and its rules: {@link io.tickgate.feed.connection.Session} (a socket: handshake, control
 * budget, health, hand-off of decoded data), the Netty pipeline ({@link io.tickgate.feed.connection.WsClientInitializer},
 * {@link io.tickgate.feed.connection.WsClientHandler}), and the policies: {@link io.tickgate.feed.connection.Backoff}
 * (exponential, full jitter), {@link io.tickgate.feed.connection.SlidingWindowLimiter} (attempt and control-message
 * budgets), {@link io.tickgate.feed.connection.HealthScore}.
 */
package io.tickgate.feed.connection;
