/**
 * JMH micro-benchmarks: venue frame parsing ({@link io.tickgate.bench.jmh.VenueParseBenchmark}) and order-book apply
 * ({@link io.tickgate.bench.jmh.BookApplyBenchmark}). Run from the shaded jar, never in the test phase; see
 * {@code docs/benchmarks.md}.
 */
package io.tickgate.bench.jmh;
