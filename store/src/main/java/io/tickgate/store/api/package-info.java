/**
 * What every backend offers: {@link io.tickgate.store.api.HistoryStore} (write batches idempotently, read ranges,
 * drop old data), its settings and the factory that opens the configured backend.
 */
package io.tickgate.store.api;
