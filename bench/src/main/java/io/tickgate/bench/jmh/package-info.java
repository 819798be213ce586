/**
 * JMH micro-benchmarks: venue frame parsing ({@link io.tickgate.bench.jmh.VenueParseBenchmark}, frames in
 * {@link io.tickgate.bench.jmh.ParseFrames}) and order-book apply ({@link io.tickgate.bench.jmh.BookApplyBenchmark}),
 * plus {@link io.tickgate.bench.jmh.ParseCpuTime}, the same parse cases per second of thread CPU time for a shared
 * machine. Run from the shaded jar, never in the test phase; see {@code docs/benchmarks.md}.
 */
package io.tickgate.bench.jmh;
