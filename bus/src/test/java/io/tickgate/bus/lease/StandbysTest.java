package io.tickgate.bus.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Who stands by: every node names the same standby for a shard (never its owner), a freed shard keeps the standby
 * of its last owner, a node hears when it starts and stops standing by (not when it is promoted to owner), shards
 * of venues without standby get none, and the vacancy starts at the last lease end seen.
 */
@Timeout(10)
class StandbysTest {

    private static final List<String> LIVE = List.of("collector:n1", "collector:n2", "collector:n3");

    @Test
    void everyNodeNamesTheSameStandbyAndNeverTheOwner() {
        Map<String, Lease> leases = leases("n1", "n2", "n3", "n1");
        Map<String, String> first = null;
        for (String node : List.of("n1", "n2", "n3")) {
            Standbys s = new Standbys(node, shard -> true);
            s.update(leases, LIVE, new Calls(), 0);
            assertThat(s.view()).hasSize(4).allSatisfy((shard, standby) ->
                    assertThat(standby).isNotEqualTo(leases.get(shard).owner()));
            first = first == null ? s.view() : first;
            assertThat(s.view()).isEqualTo(first);
        }
    }

    @Test
    void aFreedShardKeepsItsStandbyWhichHearsNothingWhenPromoted() {
        Map<String, Lease> held = leases("n1", "n1", "n1", "n1");
        Standbys probe = new Standbys("x", shard -> true);
        probe.update(held, LIVE, new Calls(), 0);
        String standby = probe.of("v/0");
        Standbys s = new Standbys(standby, shard -> true);
        Calls calls = new Calls();
        s.update(held, LIVE, calls, 0);
        assertThat(calls.on).contains("v/0");

        Map<String, Lease> freed = new LinkedHashMap<>(held);
        freed.put("v/0", new Lease("v/0", null, 1, 0));
        s.update(freed, List.of("collector:n2", "collector:n3"), calls, 1_000);
        assertThat(s.of("v/0")).as("the dead owner's standby still").isEqualTo(standby);

        s.promoted("v/0");
        Map<String, Lease> mine = new LinkedHashMap<>(held);
        mine.put("v/0", new Lease("v/0", standby, 2, 3_000));
        s.update(mine, List.of("collector:n2", "collector:n3"), calls, 2_000);
        assertThat(calls.off).doesNotContain("v/0");
        assertThat(s.of("v/0")).isNotEqualTo(standby);
    }

    @Test
    void theVacancyStartsAtTheLastLeaseEndSeen() {
        Standbys s = new Standbys("n2", shard -> true);
        s.update(Map.of("v/0", new Lease("v/0", "n1", 1, 2)), LIVE, new Calls(), 0); // ends at 2 ms = 2,000,000 ns
        assertThat(s.vacantSince("v/0", 5_000_000)).isEqualTo(2_000_000);
        assertThat(s.vacantSince("v/0", 6_000_000)).as("unknown once used: now").isEqualTo(6_000_000);
    }

    @Test
    void shardsWithoutStandbyGetNone() {
        Standbys s = new Standbys("n2", shard -> shard.equals("v/1"));
        Calls calls = new Calls();
        s.update(leases("n1", "n1", "n1", "n1"), LIVE, calls, 0);
        assertThat(s.view()).containsOnlyKeys("v/1");
    }

    private static Map<String, Lease> leases(String... owners) {
        Map<String, Lease> out = new LinkedHashMap<>();
        for (int i = 0; i < owners.length; i++) {
            out.put("v/" + i, new Lease("v/" + i, owners[i], 1, 3_000));
        }
        return out;
    }

    private static final class Calls implements ShardListener {
        final List<String> on = new ArrayList<>();
        final List<String> off = new ArrayList<>();

        @Override
        public void gained(String shard, long generation) {
        }

        @Override
        public void lost(String shard) {
        }

        @Override
        public void standby(String shard, boolean standing) {
            (standing ? on : off).add(shard);
        }
    }
}
