/**
 * The history store as one component of a process ({@link io.tickgate.store.runtime.HistoryService}): opened from
 * its settings, fed from the broker, attached to the gateway (routes, readiness), closed in reverse order.
 */
package io.tickgate.store.runtime;
