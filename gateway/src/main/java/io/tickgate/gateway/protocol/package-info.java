/**
 * The client wire protocol v1 as Java types: decoded client requests ({@link io.tickgate.gateway.protocol.ClientMessage}),
 * {@link io.tickgate.gateway.protocol.ErrorCode}s and {@link io.tickgate.gateway.protocol.CloseCodes}. No I/O here;
 * docs/protocol.md is the contract.
 */
package io.tickgate.gateway.protocol;
