/**
 * Wiring of a client connection: {@link io.tickgate.gateway.bootstrap.GatewayInitializer} assembles the whole
 * pipeline in one place; {@link io.tickgate.gateway.bootstrap.HandlerNames} names every handler.
 */
package io.tickgate.gateway.bootstrap;
