/**
 * The benchmark load source: {@link io.tickgate.bench.source.SyntheticSource} publishes synthetic trades at a fixed
 * rate over a fixed set of {@code bench.<SYMBOL>.trade} topics, so a run's load is exactly known.
 * {@link io.tickgate.bench.source.StampClock} is the microsecond wall clock both the source (in each trade's id) and
 * the load generator use to measure latency.
 */
package io.tickgate.bench.source;
