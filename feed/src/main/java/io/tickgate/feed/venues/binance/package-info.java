/**
 * Binance spot adapter. {@link io.tickgate.feed.venues.binance.BinanceFrameDecoder} turns one raw text frame (raw stream or
 * combined {@code {"stream","data"}} envelope) into canonical events on a {@link io.tickgate.feed.venues.binance.BinanceSink}:
 * {@code trade}/{@code aggTrade} → Trade, {@code kline_<i>} → Kline, {@code bookTicker} → BookTop, partial depth →
 * BookSnapshot, {@code 24hrTicker} → Ticker; diff depth ({@code depthUpdate}) → a BookDelta with
 * {@code firstSequence = U}, {@code sequence = u} for the book sync; control replies and errors →
 * {@link io.tickgate.feed.venues.binance.BinanceControl}. {@link io.tickgate.feed.venues.binance.BinanceSnapshotParser} parses the
 * REST depth snapshot. Source name {@code binance}; symbols in Binance's uppercase spelling ({@code NKNUSDT}).
 *
 * <p>{@link io.tickgate.feed.venues.binance.BinanceAdapter} plugs the venue in: {@link
 * io.tickgate.feed.venues.binance.BinanceProtocol} / {@link io.tickgate.feed.venues.binance.BinanceSession}
 * (combined-stream URL + {@code SUBSCRIBE} + {@code LIST_SUBSCRIPTIONS}, pong echo), {@link
 * io.tickgate.feed.venues.binance.HttpSnapshotSource} (REST depth snapshots) and {@link
 * io.tickgate.feed.venues.binance.BinanceBookSync} (snapshot + diff bridging by {@code U}/{@code u}).
 */
package io.tickgate.feed.venues.binance;
