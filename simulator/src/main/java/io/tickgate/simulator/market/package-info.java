/**
 * The deterministic market engine.
 *
 * <pre>
 *   MarketSimulator ── driver thread (fixed tick, paced) ──► MarketEngine.step(now, n)
 *                                                              │ picks a symbol by activity (hot regimes);
 *                                                              │ symbols whose fair value moved follow it at once
 *                                                              ▼
 *   FairValue (per pair: stochastic volatility + jumps, 100 ms grid, shared by the venues listing the pair)
 *        │ × (1 + venue basis, OuProcess)
 *        ▼
 *   SymbolSimulator ── BookShaper / TickBook (dense top, grid beyond, change set)
 *        │          ── TradePrinter (trade ids, self-exciting intensity, KlineAggregator 1s / 1m, TickerWindow)
 *        ▼
 *   EventEmitter ──► sink (Consumer&lt;MarketEvent&gt;)
 * </pre>
 *
 * <p>All engine state has one writer: the driver thread once
 * {@link io.tickgate.simulator.market.MarketSimulator#start()} was called, otherwise the caller of
 * {@link io.tickgate.simulator.market.MarketSimulator#step(long, int)}. Prices are integer ticks and quantities integer
 * lots. Prices follow simulated time (the {@code now} of each step), not the event rate. Same seeds, same epoch and
 * same steps give the same event sequence; engines of different venues that share the market seed and the epoch
 * compute the same fair values, so they need not share state.
 */
package io.tickgate.simulator.market;
