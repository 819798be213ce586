package io.tickgate.bus.redis;

import io.tickgate.bus.lease.Lease;
import io.tickgate.bus.lease.Leases;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Leases in Redis, standalone or Cluster: per shard a holder key ({@code P:{lease:SHARD}:holder}, "node|generation"
 * with the lease's TTL as PX, so Redis expires it) and a generation counter ({@code P:{lease:SHARD}:gen}, INCR per
 * acquisition, never expires), both changed only by {@code lease.lua}, so acquire is SET NX PX and renewal a
 * PEXPIRE checked against owner and generation in one step. Both keys share a hash tag: one slot per shard.
 */
final class RedisLeases implements Leases {

    private final String prefix;
    private final Supplier<RedisLink> link;

    RedisLeases(String prefix, Supplier<RedisLink> link) {
        this.prefix = prefix;
        this.link = link;
    }

    /** holder, generation: the keys of one shard's lease. */
    String[] keys(String shard) {
        String base = prefix + ":{lease:" + shard + "}:";
        return new String[] {base + "holder", base + "gen"};
    }

    @Override
    public CompletableFuture<Lease> acquire(String shard, String node, long ttlMillis) {
        return call(shard, "acquire", node, 0, ttlMillis).thenApply(r -> lease(shard, r));
    }

    @Override
    public CompletableFuture<Boolean> renew(String shard, String node, long generation, long ttlMillis) {
        return call(shard, "renew", node, generation, ttlMillis).thenApply(RedisLeases::done);
    }

    @Override
    public CompletableFuture<Boolean> release(String shard, String node, long generation) {
        return call(shard, "release", node, generation, 0).thenApply(RedisLeases::done);
    }

    @Override
    public CompletableFuture<Lease> read(String shard) {
        return call(shard, "read", "", 0, 0).thenApply(r -> lease(shard, r));
    }

    private CompletableFuture<List<Object>> call(String shard, String op, String node, long generation, long ttl) {
        if (shard.indexOf('}') >= 0 || node.indexOf('|') >= 0) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "a shard name may not hold '}' and a node id not '|': " + shard + ", " + node));
        }
        RedisLink l = link.get();
        if (l == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("redis not connected"));
        }
        return l.eval(LuaScript.LEASE, keys(shard), op, node, Long.toString(generation), Long.toString(ttl))
                .toCompletableFuture();
    }

    private static Lease lease(String shard, List<Object> r) {
        String owner = String.valueOf(r.get(0));
        return new Lease(shard, owner.isEmpty() ? null : owner, Long.parseLong(String.valueOf(r.get(1))),
                Math.max(0, Long.parseLong(String.valueOf(r.get(2)))));
    }

    private static boolean done(List<Object> r) {
        return "1".equals(String.valueOf(r.get(3)));
    }
}
