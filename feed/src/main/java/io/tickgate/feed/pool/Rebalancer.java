package io.tickgate.feed.pool;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * Plans the fewest symbol moves that bring a pool's busiest connection back near the average load when per-symbol
 * message rates drifted without a resize. Hysteresis: nothing moves until the busiest connection carries more than
 * {@code trigger} × the average; then symbols move (each one the best pair-equalising move from the busiest to the
 * idlest connection) until it carries at most {@code (1 + trigger) / 2} × the average, or no move helps.
 * Deterministic for the same input; pure (the pool applies the moves make-before-break).
 *
 * <p>With a cap on symbols per connection (the venue's streams per connection), a connection receives a symbol only
 * while it has room counting the symbols it is giving away too: those stay on its socket until the receiving side
 * has verified them, so for a moment it carries both.
 */
final class Rebalancer {

    private Rebalancer() {
    }

    /**
     * @param assignment symbol → connection now
     * @param nodes      every connection (some may carry nothing)
     * @param rate       messages per second of a symbol
     * @param trigger    busiest / average above which to act (e.g. 1.5)
     * @param maxMoves   at most this many moves
     * @return symbol → new connection, for the symbols that move (in move order)
     */
    static Map<String, String> plan(Map<String, String> assignment, Collection<String> nodes,
                                    ToDoubleFunction<String> rate, double trigger, int maxMoves) {
        return plan(assignment, nodes, rate, trigger, maxMoves, Integer.MAX_VALUE);
    }

    /**
     * As {@link #plan(Map, Collection, ToDoubleFunction, double, int)}, with at most {@code maxPerNode} symbols on a
     * connection at any moment of the moves.
     */
    static Map<String, String> plan(Map<String, String> assignment, Collection<String> nodes,
                                    ToDoubleFunction<String> rate, double trigger, int maxMoves, int maxPerNode) {
        Map<String, Double> load = new TreeMap<>();
        nodes.forEach(n -> load.put(n, 0.0));
        Map<String, String> working = new TreeMap<>(assignment);
        double total = 0;
        for (Map.Entry<String, String> e : working.entrySet()) {
            double r = Math.max(0, rate.applyAsDouble(e.getKey()));
            load.merge(e.getValue(), r, Double::sum);
            total += r;
        }
        Map<String, String> moves = new LinkedHashMap<>();
        if (load.size() < 2 || total <= 0) {
            return moves;
        }
        double mean = total / load.size();
        if (max(load).getValue() <= trigger * mean) {
            return moves;
        }
        double target = (1 + trigger) / 2 * mean;
        Map<String, String> origin = new HashMap<>();
        // symbols on each connection's socket while the moves run: its own (released only once the receiving side
        // verified them) plus what it receives
        Map<String, Integer> held = new HashMap<>();
        nodes.forEach(n -> held.put(n, 0));
        working.values().forEach(n -> held.merge(n, 1, Integer::sum));
        for (int i = 0; i < maxMoves; i++) {
            Map.Entry<String, Double> hot = max(load);
            if (hot.getValue() <= target) {
                break;
            }
            Map.Entry<String, Double> cold = min(load, n -> !n.equals(hot.getKey()) && held.get(n) < maxPerNode);
            if (cold == null) {
                break; // every other connection is full
            }
            double gap = hot.getValue() - cold.getValue();
            String best = null;
            double bestScore = 0;
            for (Map.Entry<String, String> e : working.entrySet()) {
                if (!e.getValue().equals(hot.getKey())) {
                    continue;
                }
                double r = Math.max(0, rate.applyAsDouble(e.getKey()));
                double score = Math.min(r, gap - r); // > 0: the pair's larger load shrinks; largest: most even
                if (score > bestScore) {
                    bestScore = score;
                    best = e.getKey();
                }
            }
            if (best == null) {
                break; // one symbol alone outweighs the gap: moving it would only move the peak
            }
            double r = Math.max(0, rate.applyAsDouble(best));
            origin.putIfAbsent(best, hot.getKey());
            if (!origin.get(best).equals(cold.getKey())) {
                held.merge(cold.getKey(), 1, Integer::sum);
            }
            if (!origin.get(best).equals(hot.getKey())) {
                held.merge(hot.getKey(), -1, Integer::sum); // it had only received it: it never reaches its socket
            }
            working.put(best, cold.getKey());
            load.merge(hot.getKey(), -r, Double::sum);
            load.merge(cold.getKey(), r, Double::sum);
            moves.remove(best);
            if (!origin.get(best).equals(cold.getKey())) {
                moves.put(best, cold.getKey());
            }
        }
        return moves;
    }

    private static Map.Entry<String, Double> max(Map<String, Double> load) {
        Map.Entry<String, Double> out = null;
        for (Map.Entry<String, Double> e : load.entrySet()) {
            if (out == null || e.getValue() > out.getValue()) {
                out = e;
            }
        }
        return out;
    }

    private static Map.Entry<String, Double> min(Map<String, Double> load, Predicate<String> eligible) {
        Map.Entry<String, Double> out = null;
        for (Map.Entry<String, Double> e : load.entrySet()) {
            if (!eligible.test(e.getKey())) {
                continue;
            }
            if (out == null || e.getValue() < out.getValue()) {
                out = e;
            }
        }
        return out;
    }
}
