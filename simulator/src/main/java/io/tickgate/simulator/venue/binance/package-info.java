/**
 * The simulated Binance spot stream server: raw ({@code /ws/<stream>}) and combined ({@code /stream?streams=})
 * connections, live SUBSCRIBE / UNSUBSCRIBE / LIST_SUBSCRIPTIONS, the stream payloads ({@code @trade},
 * {@code @aggTrade}, {@code @kline_1s|1m}, {@code @ticker}, {@code @depthN[@100ms]}, {@code @depth[@100ms|@1000ms]} (time-batched per interval), {@code @bookTicker}),
 * {@code GET /api/v3/depth}, and the venue's limits, pings and connection lifetime.
 */
package io.tickgate.simulator.venue.binance;
