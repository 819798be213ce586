/**
 * The Redis engine: {@link io.tickgate.bus.redis.RedisBroker} on standalone Redis or a Redis Cluster (Lettuce),
 * the publish/image/history Lua scripts beside it, and the key layout ({@code RedisKeys}). docs/architecture.md
 * "Brokers" explains the design.
 */
package io.tickgate.bus.redis;
