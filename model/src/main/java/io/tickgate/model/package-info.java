/**
 * The canonical market-data model every layer speaks: exact decimals ({@code decimal}), topic names and patterns
 * ({@code topic}), the normalized events venues are turned into ({@code event}) and the order book ({@code book}).
 * This module has no dependencies; everything else depends on it.
 */
package io.tickgate.model;
