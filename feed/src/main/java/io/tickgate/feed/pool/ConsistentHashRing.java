package io.tickgate.feed.pool;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * Consistent hashing with virtual nodes: each node (a pooled connection) sits at {@code virtualNodes} points of a
 * 64-bit ring, a key (a symbol) belongs to the first node point clockwise from its hash. Adding a node moves only the
 * keys it takes over; removing one moves only its own keys.
 *
 * <p>{@link #assign} adds weights (observed message rates) with bounded loads: each key, in a fixed order, goes to
 * the first node clockwise whose load stays within {@code (1 + slack) × average}, so a few busy symbols cannot pile
 * onto one connection, while most keys keep their plain consistent-hash node. A cap on keys per node (the venue's
 * streams per connection) is a hard bound on top of that: a full node is passed over like an overloaded one.
 *
 * <p>Not thread-safe: owned by the pool.
 */
public final class ConsistentHashRing {

    private final int virtualNodes;
    private final NavigableMap<Long, String> ring = new TreeMap<>();
    private final Set<String> nodes = new TreeSet<>();

    /** @param virtualNodes points per node (more = smoother spread; 100–200 is typical) */
    public ConsistentHashRing(int virtualNodes) {
        if (virtualNodes < 1) {
            throw new IllegalArgumentException("virtualNodes must be >= 1");
        }
        this.virtualNodes = virtualNodes;
    }

    public void addNode(String node) {
        if (nodes.add(node)) {
            for (int i = 0; i < virtualNodes; i++) {
                ring.putIfAbsent(hash(node + "#" + i), node);
            }
        }
    }

    public void removeNode(String node) {
        if (nodes.remove(node)) {
            ring.values().removeIf(node::equals);
        }
    }

    /** The nodes, sorted. */
    public Set<String> nodes() {
        return Set.copyOf(nodes);
    }

    /** The plain consistent-hash node of a key, or null when the ring is empty. */
    public String nodeFor(String key) {
        if (ring.isEmpty()) {
            return null;
        }
        Map.Entry<Long, String> e = ring.ceilingEntry(hash(key));
        return (e != null ? e : ring.firstEntry()).getValue();
    }

    /**
     * Assigns keys to nodes by weight with bounded loads.
     *
     * @param keys   the keys
     * @param weight a key's weight (e.g. messages per second; values below a small floor count as the floor)
     * @param slack  how far above the average a node's load may go (0.25 = 25%); infinite = plain hashing
     * @return key → node
     */
    public Map<String, String> assign(Collection<String> keys, ToDoubleFunction<String> weight, double slack) {
        return assign(keys, weight, slack, Integer.MAX_VALUE);
    }

    /**
     * Assigns keys to nodes by weight with bounded loads, and at most {@code maxKeysPerNode} keys per node.
     *
     * @param keys           the keys
     * @param weight         a key's weight (values below a small floor count as the floor)
     * @param slack          how far above the average a node's load may go; infinite = plain hashing
     * @param maxKeysPerNode hard cap on keys per node ({@link Integer#MAX_VALUE}: none)
     * @return key → node
     * @throws IllegalArgumentException if the keys do not fit: more than nodes × {@code maxKeysPerNode}
     */
    public Map<String, String> assign(Collection<String> keys, ToDoubleFunction<String> weight, double slack,
                                      int maxKeysPerNode) {
        Map<String, String> out = new HashMap<>();
        if (ring.isEmpty()) {
            return out;
        }
        if (maxKeysPerNode < 1 || (long) nodes.size() * maxKeysPerNode < keys.size()) {
            throw new IllegalArgumentException(keys.size() + " keys do not fit on " + nodes.size()
                    + " nodes of at most " + maxKeysPerNode);
        }
        List<String> ordered = new ArrayList<>(keys);
        ordered.sort(Comparator.comparingLong(ConsistentHashRing::hash).thenComparing(Comparator.naturalOrder()));
        double total = 0;
        double max = 0;
        Map<String, Double> w = new HashMap<>();
        for (String k : ordered) {
            double x = Math.max(0.01, weight.applyAsDouble(k));
            w.put(k, x);
            total += x;
            max = Math.max(max, x);
        }
        double capacity = Double.isInfinite(slack) ? Double.POSITIVE_INFINITY
                : Math.max((1 + slack) * total / nodes.size(), max);
        Map<String, Double> load = new HashMap<>();
        Map<String, Integer> count = new HashMap<>();
        for (String k : ordered) {
            double x = w.get(k);
            String chosen = null;
            Long point = ring.ceilingKey(hash(k));
            Long start = point != null ? point : ring.firstKey();
            Long p = start;
            int visited = 0;
            do {
                String n = ring.get(p);
                if (load.getOrDefault(n, 0.0) + x <= capacity && count.getOrDefault(n, 0) < maxKeysPerNode) {
                    chosen = n;
                    break;
                }
                p = ring.higherKey(p);
                if (p == null) {
                    p = ring.firstKey();
                }
            } while (!p.equals(start) && ++visited < ring.size());
            if (chosen == null) {
                chosen = nodes.stream().filter(n -> count.getOrDefault(n, 0) < maxKeysPerNode)
                        .min(Comparator.comparingDouble(n -> load.getOrDefault(n, 0.0))).orElseThrow();
            }
            load.merge(chosen, x, Double::sum);
            count.merge(chosen, 1, Integer::sum);
            out.put(k, chosen);
        }
        return out;
    }

    /** A stable 64-bit hash: FNV-1a over UTF-8, then the murmur3 finalizer for spread. */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
