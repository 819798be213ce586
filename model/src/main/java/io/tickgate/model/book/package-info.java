/**
 * The order book data structure: price-sorted levels per side, applied from snapshots and deltas. Single writer: a
 * book is owned by one thread. Venue synchronization rules (which updates apply, gaps) live in the processing module.
 */
package io.tickgate.model.book;
