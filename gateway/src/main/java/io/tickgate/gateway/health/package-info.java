/**
 * Readiness: a registry of named checks, one per component that can die or go stale (hub shards, feed processing
 * threads, venues, the venue simulator), that {@code GET /ready} evaluates and reports.
 */
package io.tickgate.gateway.health;
