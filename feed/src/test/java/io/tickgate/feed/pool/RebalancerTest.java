package io.tickgate.feed.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RebalancerTest {

    private static final List<String> NODES = List.of("c-0", "c-1", "c-2");

    private static Map<String, String> assignment(int perNode) {
        Map<String, String> a = new HashMap<>();
        for (int n = 0; n < NODES.size(); n++) {
            for (int i = 0; i < perNode; i++) {
                a.put("S" + n + "_" + i, NODES.get(n));
            }
        }
        return a;
    }

    private static Map<String, Double> load(Map<String, String> a, Map<String, String> moves, Map<String, Double> r) {
        Map<String, Double> out = new HashMap<>();
        NODES.forEach(n -> out.put(n, 0.0));
        a.forEach((s, n) -> out.merge(moves.getOrDefault(s, n), r.getOrDefault(s, 0.0), Double::sum));
        return out;
    }

    @Test
    void withinTheTriggerNothingMoves() {
        Map<String, String> a = assignment(10);
        Map<String, Double> rate = new HashMap<>();
        a.keySet().forEach(s -> rate.put(s, s.startsWith("S0") ? 13.0 : 10.0)); // busiest 1.18 x average
        assertThat(Rebalancer.plan(a, NODES, rate::get, 1.5, 10)).isEmpty();
    }

    @Test
    void aDriftedConnectionShedsTheFewestSymbolsToTheIdlestUntilNearTheAverage() {
        Map<String, String> a = assignment(10);
        Map<String, Double> rate = new HashMap<>();
        a.keySet().forEach(s -> rate.put(s, 10.0));
        rate.put("S0_0", 150.0); // two symbols of c-0 got busy: c-0 carries 330 of 530 msg/s
        rate.put("S0_1", 100.0);
        Map<String, String> moves = Rebalancer.plan(a, NODES, rate::get, 1.5, 10);
        assertThat(moves).isNotEmpty().hasSizeLessThanOrEqualTo(3);
        assertThat(a.entrySet()).filteredOn(e -> moves.containsKey(e.getKey()))
                .allSatisfy(e -> assertThat(e.getValue()).isEqualTo("c-0"));
        double mean = 530.0 / 3;
        Map<String, Double> after = load(a, moves, rate);
        assertThat(after.values()).allSatisfy(l -> assertThat(l).isLessThanOrEqualTo(1.25 * mean));
    }

    @Test
    void aSingleSymbolHeavierThanTheGapStaysPut() {
        Map<String, String> a = Map.of("HOT", "c-0", "A", "c-1", "B", "c-2");
        Map<String, Double> rate = Map.of("HOT", 1000.0, "A", 1.0, "B", 1.0);
        assertThat(Rebalancer.plan(a, NODES, rate::get, 1.5, 10)).isEmpty();
    }

    @Test
    void anEmptyConnectionTakesLoadAndTheMoveCountIsCapped() {
        Map<String, String> a = new HashMap<>();
        Map<String, Double> rate = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            a.put("S" + i, i % 2 == 0 ? "c-0" : "c-1");
            rate.put("S" + i, 5.0);
        }
        Map<String, String> moves = Rebalancer.plan(a, NODES, rate::get, 1.2, 3);
        assertThat(moves).hasSize(3).allSatisfy((s, to) -> assertThat(to).isEqualTo("c-2"));
        assertThat(Rebalancer.plan(a, NODES, rate::get, 1.2, 3)).isEqualTo(moves); // deterministic
    }
}
