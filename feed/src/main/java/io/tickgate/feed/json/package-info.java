/**
 * The JSON toolkit the venue decoders share. Parsers never throw on bad input: they return a
 * {@link io.tickgate.feed.json.DecodeStatus}. {@link io.tickgate.feed.json.FrameReader} runs a decoder's pass with
 * {@link io.tickgate.feed.json.FrameParser} (a strict, reusable, allocation-free JSON pull parser for the plain frames
 * venues push) and again with Jackson for the frames it declines; {@link io.tickgate.feed.json.JsonLevels} (levels,
 * decimals and longs read from the parser's buffer), {@link io.tickgate.feed.json.TextCache} (per-decoder cache of
 * the symbols and names every frame repeats) and {@link io.tickgate.feed.json.DecodeErrors} (counted, rate-limited
 * reasons).
 */
package io.tickgate.feed.json;
