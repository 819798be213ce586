/**
 * History out of the store as a file ({@link io.tickgate.store.export.CsvExport}, behind {@code tickgate export}):
 * a topic's trades or candles over a range, streamed page by page so any range fits in memory.
 */
package io.tickgate.store.export;
