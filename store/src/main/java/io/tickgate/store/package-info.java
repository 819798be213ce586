/**
 * The history store (docs/architecture.md, "History store"): trades and closed candles written off the feed's path
 * ({@link io.tickgate.store.writer}) into PostgreSQL ({@link io.tickgate.store.postgres}) or an embedded SQLite file
 * ({@link io.tickgate.store.embedded}) behind one interface ({@link io.tickgate.store.api}), fed from the broker
 * ({@link io.tickgate.store.ingest}) and read by the REST history API ({@link io.tickgate.store.rest}).
 */
package io.tickgate.store;
