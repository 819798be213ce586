/**
 * Order-book synchronization: the {@link io.tickgate.processing.book.BookSync} contract every venue's sync implements
 * (the syncs themselves live in the venue's feed package), and what they share: {@link
 * io.tickgate.processing.book.TrackedBook}, snapshot sources and pacing, counters. Single writer per book.
 *
 * <pre>
 *  Binance diffs (U,u) ─▶ BinanceBookSync ─┐  buffer → SnapshotSource (paced by SnapshotPacer) → bridge → live
 *  OKX books msgs ─────▶ OkxBookSync ──────┤  snapshot → updates (prevSeqId chain and/or checksum) ; gap → resubscribe
 *                                          └─▶ Consumer&lt;MarketEvent&gt;: BookSnapshot after (re)sync, BookDelta,
 *                                              BookTop when the best bid/ask changes
 * </pre>
 *
 * Binance books publish only the top levels the REST snapshot vouched for ({@code DepthWindow} keeps subscribers'
 * copy equal to the local book's top). A gap resyncs only the affected symbol; snapshot fetches and resubscriptions go through a per-venue
 * {@link io.tickgate.processing.book.SnapshotPacer} so a mass reconnect does not become a snapshot storm.
 * {@link io.tickgate.processing.book.BookSyncCounters} counts books synced, resyncs, gaps, checksums and crossed books.
 */
package io.tickgate.processing.book;
