/**
 * The outbound path of client connections. {@link io.tickgate.gateway.outbound.ConnectionOutbound}: one
 * connection's queue any thread may append to, drained by the connection's event loop only while the channel is
 * writable, flushed once per batch, with a byte budget past which the connection is closed (4008, slow consumer).
 * {@link io.tickgate.gateway.outbound.OutboundBudget}: the process-wide budget every queued byte is reserved in,
 * with the guard that conflates, sheds the largest backlogs and closes connections whose messages wait too long.
 */
package io.tickgate.gateway.outbound;
