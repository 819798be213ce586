/**
 * From the broker into the store: {@link io.tickgate.store.ingest.HistoryIngest} hands every trade and closed candle
 * to the writer's queue (never blocking the broker's delivery thread) and keeps each kline topic's open candle in
 * memory ({@link io.tickgate.store.ingest.OpenCandles}) for the REST history to append.
 */
package io.tickgate.store.ingest;
