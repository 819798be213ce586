/**
 * Canonical market events every venue is normalized into: {@link io.tickgate.model.event.Trade},
 * {@link io.tickgate.model.event.Ticker}, {@link io.tickgate.model.event.BookSnapshot} /
 * {@link io.tickgate.model.event.BookDelta}, {@link io.tickgate.model.event.BookTop},
 * {@link io.tickgate.model.event.Kline}, and {@link io.tickgate.model.event.TradeGap}, the notice that trades
 * of a topic were lost upstream for good; and {@link io.tickgate.model.event.CustomMessage}, what applications
 * publish on custom topics (not market data). Immutable records; prices and sizes are exact
 * {@link io.tickgate.model.decimal.Decimal}s; timestamps are venue event times in epoch milliseconds.
 */
package io.tickgate.model.event;
