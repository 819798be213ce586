/**
 * Micrometer meters of the gateway ({@link io.tickgate.gateway.metrics.GatewayMetrics}): connections,
 * subscriptions, messages in/out, errors by code, closes by code, slow-consumer disconnects, hub queue depth and
 * drops, and the ingest→write fan-out latency histogram; {@link io.tickgate.gateway.metrics.EdgeMetrics}: the network
 * edge's refusals by reason and the admission gauges.
 */
package io.tickgate.gateway.metrics;
