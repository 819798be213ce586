package io.tickgate.bus.lease;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Which live collector stands by for each shard whose venue wants a hot standby: among the live collectors other
 * than the shard's owner (for a free shard, its last owner seen), the first in the shard's rendezvous order
 * ({@link ShardSpread#standby}). Every node computes the same answer from the same leases and registry view. Also
 * remembers when each lease held by another node runs out unless renewed, the start of a takeover's vacancy.
 * Written by the ownership thread only; {@link #view()} is a snapshot for other threads.
 */
final class Standbys {

    private final String node;
    private final Predicate<String> enabled;
    private final Map<String, String> lastOwner = new HashMap<>();
    private final Map<String, Long> endsAtNanos = new HashMap<>();
    private final Set<String> mine = new HashSet<>();
    private volatile Map<String, String> view = Map.of();

    Standbys(String node, Predicate<String> enabled) {
        this.node = node;
        this.enabled = enabled;
    }

    /**
     * Recomputes every standby from this tick's leases and live collectors ({@code collector:NODE} ids) and tells
     * {@code listener} where this node starts or stops standing by.
     */
    void update(Map<String, Lease> leases, List<String> live, ShardListener listener, long nowNanos) {
        List<String> nodes = new ArrayList<>();
        for (String id : live) {
            nodes.add(id.substring(ShardOwnership.COLLECTOR_PREFIX.length()));
        }
        Map<String, String> next = new LinkedHashMap<>();
        for (Lease l : leases.values()) {
            if (l.owner() != null) {
                lastOwner.put(l.shard(), l.owner());
                if (!l.owner().equals(node)) {
                    endsAtNanos.put(l.shard(), nowNanos + TimeUnit.MILLISECONDS.toNanos(l.ttlMillis()));
                }
            }
            String owner = lastOwner.get(l.shard());
            if (!enabled.test(l.shard()) || owner == null) {
                continue;
            }
            String standby = ShardSpread.standby(l.shard(), nodes.stream().filter(n -> !n.equals(owner)).toList());
            if (standby != null) {
                next.put(l.shard(), standby);
            }
        }
        view = Map.copyOf(next);
        for (Map.Entry<String, String> e : next.entrySet()) {
            boolean me = e.getValue().equals(node) && !node.equals(leases.get(e.getKey()).owner());
            if (me && mine.add(e.getKey())) {
                listener.standby(e.getKey(), true);
            } else if (!me && mine.remove(e.getKey())) {
                listener.standby(e.getKey(), false);
            }
        }
        for (String s : new ArrayList<>(mine)) {
            if (!next.containsKey(s)) {
                mine.remove(s);
                listener.standby(s, false);
            }
        }
    }

    /** The node standing by for {@code shard} as of the last tick, or null. */
    String of(String shard) {
        return view.get(shard);
    }

    /** Shard → standby node as of the last tick (shards without one are absent; any thread). */
    Map<String, String> view() {
        return view;
    }

    /** Forgets that this node stands by for {@code shard} (it now owns it: the standby became the owner). */
    void promoted(String shard) {
        mine.remove(shard);
    }

    /**
     * True when {@code shard}, free now, was handed over by its last owner, still a live collector (in
     * {@code live}, {@code collector:NODE} ids), well before its lease would have run out (more than a sixth of the
     * TTL): a rebalance, not a death or a stall (a lease that ran out frees the shard only at its end). Such a shard
     * goes by the share like any free one: its standby taking it above its share would give it back in turn and
     * the two could hand it to each other forever.
     */
    boolean rebalanced(String shard, List<String> live, long nowNanos, long ttlNanos) {
        Long end = endsAtNanos.get(shard);
        String last = lastOwner.get(shard);
        return end != null && last != null && end - nowNanos > ttlNanos / 6
                && live.contains(ShardOwnership.COLLECTOR_PREFIX + last);
    }

    /** When {@code shard} was left without owner: its last owner's lease end as last seen, at most now. */
    long vacantSince(String shard, long nowNanos) {
        Long end = endsAtNanos.remove(shard);
        return end == null || end - nowNanos > 0 ? nowNanos : end;
    }
}
