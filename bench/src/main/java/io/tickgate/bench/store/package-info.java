/**
 * The history store benchmark ({@code tickgate-bench store-bench}, docs/benchmarks.md): sustained trade insert rate,
 * 1,000-candle range query latency and bytes per stored trade, for the two backends and the embedded candidates
 * (SQLite, DuckDB, H2) the embedded default was chosen from ({@link io.tickgate.bench.store.StoreBench}).
 */
package io.tickgate.bench.store;
