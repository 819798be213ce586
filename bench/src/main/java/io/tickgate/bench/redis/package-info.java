/**
 * The Redis engine's publish benchmark ({@code tickgate-bench redis-publish}): a redis-server of its own on a free
 * loopback port ({@link io.tickgate.bench.redis.RedisServerProcess}), tickgate's engine publishing through it in
 * batches ({@link io.tickgate.bench.redis.EnginePublishRun}), {@code redis-benchmark} calling the same publish script
 * one event per call ({@link io.tickgate.bench.redis.ScriptPerEventRun}), and Redis's own account of the CPU spent
 * per event ({@link io.tickgate.bench.redis.CommandStats}), all in one run so the figures compare as ratios.
 */
package io.tickgate.bench.redis;
