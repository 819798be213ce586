/**
 * Backfill on start: {@link io.tickgate.store.backfill.OpenCandleBackfill} reads back from the store what an earlier
 * run saw of the candles open now, so the feeds' candle builders continue them across a restart instead of starting
 * each one again from the first trade after it.
 */
package io.tickgate.store.backfill;
