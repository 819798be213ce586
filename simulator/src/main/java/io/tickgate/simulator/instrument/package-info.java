/**
 * The simulated instruments: {@link io.tickgate.simulator.instrument.Venue} (naming style per venue),
 * {@link io.tickgate.simulator.instrument.Instrument} (symbol, tick and lot decimals, starting price) and
 * {@link io.tickgate.simulator.instrument.InstrumentCatalog}, which derives them deterministically from a table of
 * real assets and realistic prices.
 */
package io.tickgate.simulator.instrument;
