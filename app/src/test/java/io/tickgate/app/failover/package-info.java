/**
 * Failure of the shared broker under running tickgate processes: Redis restarted empty during a run (new epochs,
 * clients recover with {@code resumed:false} and a snapshot, readiness follows Redis), Redis unreachable at start.
 */
package io.tickgate.app.failover;
