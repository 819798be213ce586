/**
 * Venue connection protocols: how to subscribe, verify subscriptions, keep heartbeats and decode, per socket
 * ({@link io.tickgate.feed.venue.SessionProtocol}). Binance: combined-stream URL + {@code SUBSCRIBE} +
 * {@code LIST_SUBSCRIPTIONS}, pong echo; OKX: {@code op: subscribe} with per-argument acks, {@code ping}/{@code pong}.
 */
package io.tickgate.feed.venue;
