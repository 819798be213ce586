/**
 * Binance spot adapter. {@link io.tickgate.feed.binance.BinanceFrameDecoder} turns one raw text frame (raw stream or
 * combined {@code {"stream","data"}} envelope) into canonical events on a {@link io.tickgate.feed.binance.BinanceSink}:
 * {@code trade}/{@code aggTrade} → Trade, {@code kline_<i>} → Kline, {@code bookTicker} → BookTop, partial depth →
 * BookSnapshot, {@code 24hrTicker} → Ticker; diff depth ({@code depthUpdate}) → a BookDelta with
 * {@code firstSequence = U}, {@code sequence = u} for the book sync; control replies and errors →
 * {@link io.tickgate.feed.binance.BinanceControl}. {@link io.tickgate.feed.binance.BinanceSnapshotParser} parses the
 * REST depth snapshot. Source name {@code binance}; symbols in Binance's uppercase spelling ({@code NKNUSDT}).
 */
package io.tickgate.feed.binance;
