/**
 * The client-facing gateway. {@link io.tickgate.gateway.Gateway} (start/close) and
 * {@link io.tickgate.gateway.GatewayConfig} are the public entry points; the features live in sub-packages:
 * {@code bootstrap} (pipeline), {@code codec} (JSON ↔ messages), {@code protocol} (message types, codes),
 * {@code session} (per-connection logic), {@code hub} (per-topic state and fan-out), {@code outbound}
 * (per-connection write queue), {@code http} (ops endpoints, static files), {@code auth}, {@code metrics}.
 * The wire contract is docs/protocol.md.
 */
package io.tickgate.gateway;
