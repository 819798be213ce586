/**
 * The benchmark server: {@link io.tickgate.bench.server.BenchServer} runs the real gateway on an in-process broker
 * fed by the {@link io.tickgate.bench.source.SyntheticSource}, and adds two JSON routes for the load generator:
 * {@code /api/v1/bench} (the load and the gateway's counters) and {@code /api/v1/bench/memory} (heap after a full
 * GC and RSS, read by {@link io.tickgate.bench.server.ProcessMemory}).
 */
package io.tickgate.bench.server;
