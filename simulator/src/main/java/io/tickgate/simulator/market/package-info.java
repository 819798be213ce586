/**
 * The deterministic market engine.
 *
 * <pre>
 *   MarketSimulator ── driver thread (fixed tick, paced) ──► MarketEngine.step(now, n)
 *                                                              │ picks a symbol by activity (hot regimes)
 *                                                              ▼
 *                                                         SymbolSimulator ── TickBook (ticks/lots, change set)
 *                                                              │            ── KlineAggregator 1s / 1m
 *                                                              │            ── TickerWindow (rolling 24h)
 *                                                              ▼
 *                                              EventEmitter ──► sink (Consumer&lt;MarketEvent&gt;)
 * </pre>
 *
 * <p>All engine state has one writer: the driver thread once {@link io.tickgate.simulator.market.MarketSimulator#start()}
 * was called, otherwise the caller of {@link io.tickgate.simulator.market.MarketSimulator#step(long, int)}. Prices are
 * integer ticks and quantities integer lots; randomness only picks moves. Same seed and same steps give the same
 * event sequence.
 */
package io.tickgate.simulator.market;
