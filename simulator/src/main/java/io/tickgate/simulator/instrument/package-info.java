/**
 * The simulated instruments: the instruments per {@link io.tickgate.model.venue.Venue},
 * {@link io.tickgate.simulator.instrument.Instrument} (symbol, tick and lot decimals, starting price) and
 * {@link io.tickgate.simulator.instrument.InstrumentCatalog}, which derives them deterministically from a table of
 * real assets and realistic prices.
 */
package io.tickgate.simulator.instrument;
