/**
 * Upstream market data. {@code binance} and {@code okx} hold the venue adapters: streaming parsers from raw text
 * frames to canonical {@link io.tickgate.model.event.MarketEvent}s plus the venue messages book sync needs;
 * {@code replay} feeds recorded frames through the same adapter and book-sync code the live path uses. Parsers never
 * throw on bad input: they return a {@link io.tickgate.feed.DecodeStatus}. Shared parse helpers live here:
 * {@link io.tickgate.feed.FrameReader} runs a decoder's pass with {@link io.tickgate.feed.FrameParser} (a strict,
 * reusable, allocation-free JSON pull parser for the plain frames venues push) and again with Jackson for the frames
 * it declines; {@link io.tickgate.feed.JsonLevels} (levels, decimals and longs read from the parser's buffer) and
 * {@link io.tickgate.feed.TextCache} (per-decoder cache of the symbols and names every frame repeats).
 */
package io.tickgate.feed;
