/**
 * Simulated venues: WebSocket servers (Netty) that speak the Binance spot and OKX v5 protocols on top of a
 * {@link io.tickgate.simulator.market.MarketSimulator} each, so that a client written for the real venue accepts
 * them. Each venue plugs in through a {@link io.tickgate.simulator.venue.SimulatedVenue} (ServiceLoader) declaring its
 * settings with defaults ({@link io.tickgate.simulator.venue.VenueSettings}), its symbol spelling and its endpoint;
 * {@link io.tickgate.simulator.venue.VenueSimulator} starts every registered one; the shared HTTP front
 * ({@link io.tickgate.simulator.venue.VenueHttpHandler}) serves REST, {@code POST /admin/fault} and WebSocket
 * upgrades; {@code binance} and {@code okx} hold the protocols and nothing outside them names their venue,
 * {@code fault} holds the fault injection.
 *
 * <pre>
 *   engine thread: MarketSimulator ─► BinanceRenderer / OkxRenderer ─► VenueConnection.sendShared (any thread)
 *   event loops:   VenueHttpHandler ─► BinanceFrameHandler / OkxFrameHandler (control messages, heartbeats)
 * </pre>
 */
package io.tickgate.simulator.venue;
