/**
 * The takeover benchmark ({@code tickgate-bench takeover}): two collector nodes in one JVM on a redis-server of its
 * own with the venue simulator; the owner of two shards is killed and the time until the survivor's first event on
 * them is measured, with and without hot standby.
 */
package io.tickgate.bench.takeover;
