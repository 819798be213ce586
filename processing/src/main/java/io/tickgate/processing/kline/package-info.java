/** Kline (candle) aggregation from trades, for every {@link io.tickgate.model.topic.Interval}. */
package io.tickgate.processing.kline;
