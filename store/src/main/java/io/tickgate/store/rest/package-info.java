/**
 * The REST history API (docs/rest.md): {@code GET /api/v1/klines} and {@code GET /api/v1/trades} on the gateway's
 * port ({@link io.tickgate.store.rest.HistoryRoutes}), parameters checked with errors naming the bad one
 * ({@link io.tickgate.store.rest.HistoryParams}), candles of intervals not stored aggregated from smaller ones
 * ({@link io.tickgate.store.rest.KlineHistory}, {@link io.tickgate.store.rest.KlineAggregator}), bodies in the live
 * topics' JSON with ETag, Cache-Control and gzip ({@link io.tickgate.store.rest.HistoryResponses}).
 */
package io.tickgate.store.rest;
