/**
 * The built-in market simulator: {@code instrument} (the simulated symbols of each venue), {@code market} (the
 * deterministic market engine and the thread that drives it) and {@code venue} (WebSocket servers that speak the
 * Binance and OKX protocols on top of the engine, with fault injection).
 */
package io.tickgate.simulator;
