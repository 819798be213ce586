/**
 * Several tickgate processes on one test-owned Redis: the three-node run with a node killed, client failover and
 * snapshot agreement across nodes; and collectors sharded over three nodes ({@code ShardedCluster}): a paused owner
 * fenced and stepping down ({@code FencingIT}), a killed owner's shards taken over with REST backfill and books
 * resynced ({@code OwnerKillIT}) or from their hot standbys' buffers ({@code StandbyKillIT}); the node these take
 * down, and the steps of killing it and watching its shards move, are {@code BusiestNode}.
 */
package io.tickgate.app.cluster;
