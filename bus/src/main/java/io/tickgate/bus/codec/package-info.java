/**
 * The compact, versioned encoding of events in a shared store ({@link io.tickgate.bus.codec.EventCodec}): a JSON
 * array per event, decimals as their exact text.
 */
package io.tickgate.bus.codec;
