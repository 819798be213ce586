/**
 * Processing between venue adapters and the bus: {@code kline} aggregates trades into candles; {@code book} keeps
 * venue order books in sync (snapshot + diffs, gap detection, resync).
 */
package io.tickgate.processing;
