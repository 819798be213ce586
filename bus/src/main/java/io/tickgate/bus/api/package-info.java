/** The broker contract: {@link io.tickgate.bus.api.Broker}, {@link io.tickgate.bus.api.Envelope}. */
package io.tickgate.bus.api;
