/** Exact decimal numbers that keep the venue's text: prices and quantities never pass through a double. */
package io.tickgate.model.decimal;
