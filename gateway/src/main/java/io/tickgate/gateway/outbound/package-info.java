/**
 * The per-connection outbound path ({@link io.tickgate.gateway.outbound.ConnectionOutbound}): a queue any thread
 * may append to, drained by the connection's event loop only while the channel is writable, flushed once per batch,
 * with a byte budget past which the connection is closed (4008, slow consumer).
 */
package io.tickgate.gateway.outbound;
