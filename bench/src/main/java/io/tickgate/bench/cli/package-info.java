/**
 * Command-line front ends: {@link io.tickgate.bench.cli.BenchCommand} ({@code bench}, the load generator),
 * {@link io.tickgate.bench.cli.BenchServerCommand} ({@code bench-server}, gateway + synthetic source),
 * {@link io.tickgate.bench.cli.BenchPlotCommand} ({@code bench-plot}, PNG from JSON reports) and
 * {@link io.tickgate.bench.cli.RedisPublishCommand} ({@code redis-publish}, the Redis engine's publishes/s).
 * {@link io.tickgate.bench.cli.BenchMain} runs all four from {@code bench/target/benchmarks.jar};
 * {@code bin/tickgate-bench} is its launcher. The product's launcher ({@code bin/tickgate}, module {@code app}) does
 * not carry them.
 */
package io.tickgate.bench.cli;
