/**
 * Several gateway nodes on one shared broker engine (a test-owned Redis, standalone or Cluster): the same snapshots
 * and every seq exactly once on every node, resume on another node, pattern subscriptions that pick up topics
 * published later, and a Redis restarted empty during a run.
 */
package io.tickgate.gateway.shared;
