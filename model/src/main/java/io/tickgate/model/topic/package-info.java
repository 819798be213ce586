/**
 * Topic names ({@code <source>.<SYMBOL>.<channel>}, e.g. {@code binance.BTCUSDT.trade}), their channels, and
 * subscription patterns where {@code *} matches one segment. See docs/protocol.md.
 */
package io.tickgate.model.topic;
