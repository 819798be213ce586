package io.tickgate.feed.shard;

import io.tickgate.bus.lease.Lease;
import io.tickgate.bus.lease.LeaseState;
import io.tickgate.feed.backfill.BackfillCounters;
import io.tickgate.feed.pool.FeedPool;
import io.tickgate.feed.standby.StandbyGate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What this node says about the shards ({@link ShardedFeeds}): the sharded part of {@code GET /api/v1/feeds}
 * ({@link #view(LeaseState, Map)}) and the {@code GET /ready} checks of the shards it runs ({@link #problem()}) and
 * stands by for ({@link #standbyProblem()}). Reads the feeds' concurrent maps; any thread.
 */
public final class ShardReport {

    private final Map<String, FeedShard> shards;
    private final Map<String, FeedPool> running;
    private final StandbyPools standing;
    private final Map<String, StandbyGate> promoted;

    ShardReport(Map<String, FeedShard> shards, Map<String, FeedPool> running, StandbyPools standing,
                Map<String, StandbyGate> promoted) {
        this.shards = shards;
        this.running = running;
        this.standing = standing;
        this.promoted = promoted;
    }

    /**
     * {@code GET /api/v1/feeds}' sharded part: {@code leases}, whether the lease state came from the broker just now
     * ({@code {"stale":false,"readAtMillis":..}}) or is this node's local view because the broker did not answer
     * ({@code {"stale":true,"error":..,"readAtMillis":..}}, the time of the last read that worked, null if none), and
     * {@code shards} ({@link #view(Map, Map)}).
     */
    public Map<String, Object> view(LeaseState leases, Map<String, String> standbys) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("stale", leases.stale());
        if (leases.error() != null) {
            status.put("error", leases.error());
        }
        status.put("readAtMillis", leases.readAtMillis() == 0 ? null : leases.readAtMillis());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("leases", status);
        out.put("shards", view(leases.leases(), standbys));
        return out;
    }

    /**
     * Readiness of the shards this node runs: null when every pool is fine, else each failing one's
     * {@link FeedPool#problem} prefixed by its shard ({@code shard binance/0-of-4: binance connection binance-0 is
     * backoff}), joined by {@code ; }. Any thread.
     */
    public String problem() {
        Map<String, FeedPool> owned = new TreeMap<>(running);
        return problems(owned, "shard ");
    }

    /**
     * Readiness of the shards this node stands by for (its own upstream connections, not published): as
     * {@link #problem()}, prefixed {@code standby for shard }. A standby that cannot receive would take a shard over
     * with nothing buffered (REST backfill or a gap notice instead of a hot takeover). Any thread.
     */
    public String standbyProblem() {
        Map<String, FeedPool> pools = new TreeMap<>();
        standing.all().forEach((shard, st) -> pools.put(shard, st.pool()));
        return problems(pools, "standby for shard ");
    }

    private static String problems(Map<String, FeedPool> pools, String prefix) {
        List<String> out = new ArrayList<>();
        pools.forEach((shard, pool) -> {
            String problem = pool.problem();
            if (problem != null) {
                out.add(prefix + shard + ": " + problem);
            }
        });
        return out.isEmpty() ? null : String.join("; ", out);
    }

    /** As {@link #view(Map, Map)} without standbys. */
    public List<Map<String, Object>> view(Map<String, Lease> leases) {
        return view(leases, Map.of());
    }

    /**
     * {@code GET /api/v1/feeds}' {@code shards}: per shard its symbols, owner node, lease generation, standby node,
     * whether it runs here and, where it does, the trades backfilled and unrecoverable since it started here and the
     * trades its standby buffer supplied at the takeover; where this node stands by, its buffer's size and drops;
     * where either, {@code problem}: the pool's readiness problem, null when fine.
     */
    public List<Map<String, Object>> view(Map<String, Lease> leases, Map<String, String> standbys) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (FeedShard s : shards.values()) {
            Lease l = leases.get(s.name());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("shard", s.name());
            m.put("venue", s.config().venue().source());
            m.put("symbols", s.config().symbols());
            m.put("owner", l == null ? null : l.owner());
            m.put("generation", l == null ? 0 : l.generation());
            m.put("standby", standbys.get(s.name()));
            FeedPool p = running.get(s.name());
            m.put("local", p != null);
            StandbyPools.Standing st = standing.get(s.name());
            if (p != null || st != null) {
                m.put("problem", (p != null ? p : st.pool()).problem());
            }
            if (st != null) {
                m.put("standingBy", true);
                m.put("standbyBuffered", st.gate().buffered());
                m.put("standbyDropped", st.gate().dropped());
            }
            StandbyGate g = promoted.get(s.name());
            if (g != null) {
                m.put("suppliedByStandby", g.supplied());
            }
            if (p != null) {
                BackfillCounters c = p.processor().backfillCounters();
                m.put("backfilled", c.backfilled());
                m.put("unrecoverable", c.unrecoverable());
                m.put("gapNotices", c.gapNotices());
            }
            out.add(m);
        }
        return out;
    }
}
