/**
 * Command-line front ends: {@link io.tickgate.bench.cli.BenchCommand} ({@code bench}, the load generator),
 * {@link io.tickgate.bench.cli.BenchServerCommand} ({@code bench-server}, gateway + synthetic source) and
 * {@link io.tickgate.bench.cli.BenchPlotCommand} ({@code bench-plot}, PNG from JSON reports). The launcher registers
 * the first two as {@code bin/tickgate} subcommands; {@link io.tickgate.bench.cli.BenchMain} runs all three from
 * {@code bench/target/benchmarks.jar}.
 */
package io.tickgate.bench.cli;
