/**
 * The cluster's control plane, behind the broker so a node needs no configuration of its own: the connection
 * registry and presence ({@link io.tickgate.bus.presence.Presence}: node → connections, user → connections, topic →
 * subscriber count, with TTL heartbeats so a dead node's entries expire) and the control channel that reaches every
 * node ({@link io.tickgate.bus.presence.ControlCommand}, e.g. disconnect a user wherever they are connected). A
 * gateway {@link io.tickgate.bus.presence.Presence#join joins} as a node and reports its connections through the
 * {@link io.tickgate.bus.presence.PresenceNode} it gets. Engines: in-process
 * ({@link io.tickgate.bus.local.LocalPresence}) and Redis ({@link io.tickgate.bus.redis.RedisPresence}).
 */
package io.tickgate.bus.presence;
