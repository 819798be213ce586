/**
 * The in-process broker: one JVM, seq, history and image state per topic in memory, epoch new at every start.
 */
package io.tickgate.bus.local;
