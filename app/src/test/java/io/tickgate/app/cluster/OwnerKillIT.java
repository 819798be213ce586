package io.tickgate.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickgate.app.DemoProcess;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
        Thread.sleep(3_000);
        DemoProcess killed = cluster.busiest(cluster.nodes());
        List<DemoProcess> survivors = cluster.nodes().stream().filter(n -> n != killed).toList();
        Map<String, ShardedCluster.Shard> held = cluster.localShards(killed);
        String killedId = held.values().iterator().next().owner();

        long killedAt = System.nanoTime();
        killed.kill();
        Thread.sleep(100); // whatever the dead node had sent reached Redis; its leases hold for the TTL
        Map<String, Long> seqAtKill = new LinkedHashMap<>();
        for (ShardedCluster.Shard s : held.values()) {
            for (String t : s.topics()) {
                seqAtKill.put(t, cluster.seqInRedis(t));
            }
        }
        for (Map<String, BookTape> m : watchers.books()) {
            seqAtKill.forEach((t, seq) -> {
                if (m.containsKey(t)) {
                    m.get(t).watchAfter(seq);
                }
            });
        }
        cluster.awaitMoved(held, killedId, survivors.get(0));
        Thread.sleep(4_000);
        watchers.awaitCaughtUp();

        Map<String, Long> takeover = takeoverMillis(held, seqAtKill, watchers, killedAt);
        long backfilled = 0;
        long unrecoverable = 0;
        for (DemoProcess n : survivors) {
            for (ShardedCluster.Shard s : cluster.localShards(n).values()) {
                if (held.containsKey(s.name())) {
                    backfilled += s.backfilled();
                    unrecoverable += s.unrecoverable();
                }
            }
        }
        Map<String, FreshBooks.Fresh> fresh = FreshBooks.take(survivors.get(0), cluster.topics("book"));
        FreshBooks.Result books = FreshBooks.compare(fresh, watchers.books());
        List<String> notResynced = notResynced(held, seqAtKill, watchers);
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

    /**
     * Per moved shard: from the kill to the first message above a topic's seq at the kill that any client got, over
     * the shard's topics (only the new owner can have published it).
     */
    static Map<String, Long> takeoverMillis(Map<String, ShardedCluster.Shard> held, Map<String, Long> seqAtKill,
                                                    Watchers watchers, long killedAt) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (ShardedCluster.Shard s : held.values()) {
            long first = Long.MAX_VALUE;
            for (String t : s.topics()) {
                long seq = seqAtKill.get(t);
                for (Map<String, TopicLog> m : watchers.trades()) {
                    TopicLog log = m.get(t);
                    if (log != null) {
                        for (TopicLog.Entry e : log.entries()) {
                            if (e.seq() > seq) {
                                first = Math.min(first, e.received());
                                break;
                            }
                        }
                    }
                }
                for (Map<String, BookTape> m : watchers.books()) {
                    if (m.containsKey(t)) {
                        first = Math.min(first, m.get(t).firstAfter());
                    }
                }
            }
            if (first != Long.MAX_VALUE) {
                out.put(s.name(), TimeUnit.NANOSECONDS.toMillis(first - killedAt));
            }
        }
        return out;
    }

    /** The moved shards' book topics on which no client got a snapshot at a seq above the topic's seq at the kill. */
    static List<String> notResynced(Map<String, ShardedCluster.Shard> held, Map<String, Long> seqAtKill,
                                            Watchers watchers) {
        List<String> out = new ArrayList<>();
        for (ShardedCluster.Shard s : held.values()) {
            for (String t : s.topics()) {
                if (t.endsWith(".book") && watchers.books().stream().noneMatch(m -> m.get(t).snapshots().stream()
                        .anyMatch(snap -> snap.seq() > seqAtKill.get(t)))) {
                    out.add(t);
                }
            }
        }
        return out;
    }
}
