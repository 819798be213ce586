package io.tickgate.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickgate.app.DemoProcess;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A killed owner's shards move to their hot standbys: three nodes ({@link ShardedCluster} with {@code <venue>.standby}
 * on: every shard runs on its owner and, buffering without publishing, on a second node) and clients on every node;
 * the node running the most shards is killed (SIGKILL: no handover). Each of its shards is taken over hot (by its
 * standby, from its buffer; counted in {@code tickgate_shards_takeover_time_seconds{standby="true"}}, none cold),
 * which publishes what the dead owner had not, with no REST backfill: per trade topic every client sees every venue
 * trade id once, in order, no gap notice; each book is resynchronised (a snapshot at the topic's next seq) and equals
 * a fresh subscriber's. A standby that took shards above its share hands one on afterwards (a rebalance, to that
 * shard's new standby): the same checks cover it. Prints the takeover time per shard.
 */
@Timeout(360)
class StandbyKillIT {

    private static final long TTL_MILLIS = 3_000;
    private static final int CLIENTS = 12;

    @Test
    void aKilledOwnersShardsMoveToTheirStandbysWithEveryTradeIdOnceFromTheirBuffers() throws Exception {
        ShardedCluster.run(TTL_MILLIS, CLIENTS, true, StandbyKillIT::run);
    }

    private static void run(ShardedCluster cluster, Watchers watchers) throws Exception {
        BusiestNode killed = BusiestNode.pick(cluster);
        List<DemoProcess> survivors = killed.others();
        Map<String, ShardedCluster.Shard> held = killed.held();
        String killedId = killed.id();
        Map<String, String> standbyOf = new LinkedHashMap<>();
        held.values().forEach(s -> standbyOf.put(s.name(), s.standby()));
        assertThat(standbyOf.values()).as("every shard of the busiest node has a live standby").doesNotContainNull()
                .doesNotContain(killedId);

        double hotBefore = takeovers(cluster, survivors, "true");
        double coldBefore = takeovers(cluster, survivors, "false");
        double suppliedBefore = supplied(cluster, survivors);
        killed.killAndAwaitTakeover(watchers);

        Map<String, Long> takeover = killed.takeoverMillis(watchers);
        double hot = takeovers(cluster, survivors, "true") - hotBefore;
        double cold = takeovers(cluster, survivors, "false") - coldBefore;
        long supplied = Math.round(supplied(cluster, survivors) - suppliedBefore);
        Map<String, String> newOwner = new LinkedHashMap<>();
        long backfilled = 0;
        for (ShardedCluster.Shard s : killed.moved()) {
            newOwner.put(s.name(), s.owner());
            backfilled += s.backfilled();
        }
        Map<String, FreshBooks.Fresh> fresh = FreshBooks.take(survivors.get(0), cluster.topics("book"));
        FreshBooks.Result books = FreshBooks.compare(fresh, watchers.books());
        List<String> notResynced = killed.notResynced(watchers);
        System.out.printf("StandbyKillIT: killed %s (%s); standbys %s; owners now %s; takeovers since the kill: %.0f"
                        + " hot, %.0f cold; takeover (kill -> first event of the new owner) per shard %s ms; %d trades"
                        + " supplied by standby buffers, %d backfilled by REST; %d clients saw %d trades; %d books"
                        + " compared with fresh snapshots%n", killedId, held.keySet(), standbyOf, newOwner, hot, cold,
                takeover, supplied, backfilled, CLIENTS, watchers.tradesSeen(), books.compared());
        assertThat(watchers.problems()).as("clients' trade logs and books").isEmpty();
        assertThat(watchers.upstreamGaps()).as("gap notices (trades not recovered)").isEmpty();
        assertThat(watchers.gaps()).as("seq gaps reported by clients").isEmpty();
        assertThat(watchers.duplicates()).as("duplicates dropped by clients").isZero();
        assertThat(hot).as("hot takeovers (from a standby's buffer) since the kill").isGreaterThanOrEqualTo(held.size());
        assertThat(cold).as("cold takeovers (no standby buffer) since the kill").isZero();
        assertThat(supplied).as("trades the dead owner never published, from the standbys' buffers").isPositive();
        assertThat(backfilled).as("nothing fetched by REST: the buffers had it").isZero();
        assertThat(notResynced).as("book topics of the moved shards without a resync snapshot").isEmpty();
        assertThat(books.mismatches()).as("clients' books against fresh snapshots").isEmpty();
        assertThat(books.compared()).as("books compared").isGreaterThanOrEqualTo(CLIENTS * fresh.size() / 2);
        assertThat(takeover).as("every moved shard published again").hasSize(held.size());
    }

    /** Trades the survivors' standby buffers published at takeovers (the old owner had not). */
    private static double supplied(ShardedCluster cluster, List<DemoProcess> nodes) throws Exception {
        double n = 0;
        for (DemoProcess node : nodes) {
            n += cluster.metric(node, "tickgate_shards_standby_supplied_total");
        }
        return n;
    }

    /** Takeovers the survivors counted, hot ({@code "true"}: from a standby buffer) or cold ({@code "false"}). */
    private static double takeovers(ShardedCluster cluster, List<DemoProcess> nodes, String standby) throws Exception {
        double n = 0;
        for (DemoProcess node : nodes) {
            n += cluster.metric(node, "tickgate_shards_takeover_time_seconds_count", "standby=\"" + standby + "\"");
        }
        return n;
    }
}
