/**
 * Per-connection session logic, all on the connection's event loop:
 * {@link io.tickgate.gateway.session.SessionHandler} (the Netty handler: handshake, welcome, dispatch of decoded
 * requests, close), {@code ConnectionAuth} (token verification, auth message, refresh, expiry),
 * {@code InboundAdmission} (the inbound rate limit, with {@link io.tickgate.gateway.session.InboundRateLimiter}),
 * {@code SubscriptionRequests} (subscribe and unsubscribe: a topic this node does not know is looked up in the
 * cluster's topic directory before UNKNOWN_TOPIC, {@code UnknownTopics}, and the connection's later requests wait in
 * order meanwhile, {@code HeldRequests}), {@code TopicResolution} (a subscribe's topics and patterns under the topic
 * ACL), {@code ConnectionSubscriptions} (the connection's topics and live patterns, the subscription limit),
 * {@code ClientPublish} (publish), {@code ClientErrors} (error answers), {@code OutboundFraming} (batching and raw
 * frames as the handshake decided), {@code RejectedFrames} and
 * {@link io.tickgate.gateway.session.FrameErrorHandler} (oversized or corrupt frames → error + close code),
 * {@link io.tickgate.gateway.session.HeartbeatHandler} (pings, pong timeout) and
 * {@link io.tickgate.gateway.session.ControlFrameHandler} (client pings and pongs under the rate limit).
 */
package io.tickgate.gateway.session;
