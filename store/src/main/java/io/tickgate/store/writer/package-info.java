/**
 * The write path that never slows the feed ({@link io.tickgate.store.writer.StoreWriter}): a bounded queue per store
 * that producers offer to without blocking, one writer thread that batches, retries while the database fails,
 * drops and counts rows that waited too long, and reports lag, queue and drops ({@link
 * io.tickgate.store.writer.WriterMetrics}), and a call into the database that does not return ({@link
 * io.tickgate.store.writer.DatabaseCall}).
 */
package io.tickgate.store.writer;
