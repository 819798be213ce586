package io.tickgate.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickgate.app.DemoProcess;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A killed owner's shards move without a standby: three nodes ({@link ShardedCluster}: Binance and OKX in 3 shards
 * each, lease TTL {@value #TTL_MILLIS} ms) and clients on every node; the node running the most shards is killed
 * (SIGKILL: no handover). The survivors take its shards over, continue each trade topic from the last trade in Redis
 * and fetch the trades the dead node never published from the venue's REST history: per trade topic every client sees
 * every venue trade id once, in order, no gap notice. Each of the shards' books is resynchronised by the new owner
 * (a snapshot at the topic's next seq) and every client's book equals what a fresh subscriber gets. Prints the
 * takeover time: from the kill to the first event of the new owner a client received (the first seq above the
 * topic's seq in Redis just after the kill).
 */
@Timeout(360)
class OwnerKillIT {

    private static final long TTL_MILLIS = 3_000;
    private static final int CLIENTS = 12;

    @Test
    void aKilledOwnersShardsMoveWithEveryTradeIdOnceAndBooksResynced() throws Exception {
        ShardedCluster.run(TTL_MILLIS, CLIENTS, OwnerKillIT::run);
    }

    private static void run(ShardedCluster cluster, Watchers watchers) throws Exception {
        BusiestNode killed = BusiestNode.pick(cluster);
        Map<String, ShardedCluster.Shard> held = killed.held();
        String killedId = killed.id();
        List<DemoProcess> survivors = killed.others();
        killed.killAndAwaitTakeover(watchers);

        Map<String, Long> takeover = killed.takeoverMillis(watchers);
        long backfilled = 0;
        long unrecoverable = 0;
        for (ShardedCluster.Shard s : killed.moved()) {
            backfilled += s.backfilled();
            unrecoverable += s.unrecoverable();
        }
        Map<String, FreshBooks.Fresh> fresh = FreshBooks.take(survivors.get(0), cluster.topics("book"));
        FreshBooks.Result books = FreshBooks.compare(fresh, watchers.books());
        List<String> notResynced = killed.notResynced(watchers);
        List<String> problems = watchers.problems();
        System.out.printf("OwnerKillIT: killed %s (%s); takeover (kill -> first event of the new owner) per shard %s"
                        + " ms; the new owners backfilled %d trades (%d unrecoverable); %d clients saw %d trades;"
                        + " %d books compared with fresh snapshots%n", killedId, held.keySet(), takeover,
                backfilled, unrecoverable, CLIENTS, watchers.tradesSeen(), books.compared());
        assertThat(problems).as("clients' trade logs and books").isEmpty();
        assertThat(watchers.upstreamGaps()).as("gap notices (trades not recovered)").isEmpty();
        assertThat(watchers.gaps()).as("seq gaps reported by clients").isEmpty();
        assertThat(watchers.duplicates()).as("duplicates dropped by clients").isZero();
        assertThat(backfilled).as("trades the dead owner never published, fetched by REST").isPositive();
        assertThat(notResynced).as("book topics of the moved shards without a resync snapshot").isEmpty();
        assertThat(books.mismatches()).as("clients' books against fresh snapshots").isEmpty();
        assertThat(books.compared()).as("books compared").isGreaterThanOrEqualTo(CLIENTS * fresh.size() / 2);
        assertThat(takeover).as("every moved shard published again").hasSize(held.size());
    }
}
