/**
 * The bus between producers and the gateway. Producers {@link io.tickgate.bus.api.Broker#publish publish}
 * canonical events; the broker stamps each with its topic's epoch and the next seq and hands the resulting
 * {@link io.tickgate.bus.api.Envelope} to subscribers. {@code api} holds the contract, {@code local} the in-process
 * implementation used by default.
 */
package io.tickgate.bus;
