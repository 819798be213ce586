/**
 * Leases: who owns a shard of work (a venue's collector shard) right now, across every node sharing one broker.
 * A lease is held by one node for a TTL and renewed by it; each acquisition gets a new, higher generation, the
 * fencing token the owner attaches to what it publishes ({@link io.tickgate.bus.api.Broker#publish(
 * io.tickgate.model.event.MarketEvent, long)}). Engines: in-process ({@link io.tickgate.bus.lease.LocalLeases}) and
 * Redis ({@code io.tickgate.bus.redis.RedisLeases}).
 */
package io.tickgate.bus.lease;
