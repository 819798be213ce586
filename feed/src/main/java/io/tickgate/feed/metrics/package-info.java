/**
 * Prometheus metrics of the upstream feeds ({@code tickgate_feed_*}): connections by state, per-connection health and
 * last message age, reconnects, rotations, attempts, rejected subscriptions, queue depth and drops, duplicates, book
 * resyncs.
 */
package io.tickgate.feed.metrics;
