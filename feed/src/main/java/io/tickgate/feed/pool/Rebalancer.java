package io.tickgate.feed.pool;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Plans the fewest symbol moves that bring a pool's busiest connection back near the average load when per-symbol
 * message rates drifted without a resize. Hysteresis: nothing moves until the busiest connection carries more than
 * {@code trigger} × the average; then symbols move (each one the best pair-equalising move from the busiest to the
 * idlest connection) until it carries at most {@code (1 + trigger) / 2} × the average, or no move helps.
 * Deterministic for the same input; pure (the pool applies the moves make-before-break).
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
        for (int i = 0; i < maxMoves; i++) {
            Map.Entry<String, Double> hot = max(load);
            Map.Entry<String, Double> cold = min(load);
            if (hot.getValue() <= target) {
                break;
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

    private static Map.Entry<String, Double> min(Map<String, Double> load) {
        Map.Entry<String, Double> out = null;
        for (Map.Entry<String, Double> e : load.entrySet()) {
            if (out == null || e.getValue() < out.getValue()) {
                out = e;
            }
        }
        return out;
    }
}
