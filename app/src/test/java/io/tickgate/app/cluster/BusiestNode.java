package io.tickgate.app.cluster;

import io.tickgate.app.DemoProcess;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The node of a {@link ShardedCluster} that a failure test takes down: the one running the most shards once they
 * settled after 3 s of traffic, with the shards it held and the other nodes. For a kill ({@code OwnerKillIT},
 * {@code StandbyKillIT}) it also holds the steps that follow: SIGKILL (no handover), each held topic's seq in Redis
 * just after, the clients' books watched after those seqs, the shards moved; and what the tests read from them
 * afterwards.
 */
final class BusiestNode {

    private final ShardedCluster cluster;
    private final DemoProcess node;
    private final List<DemoProcess> others;
    private final Map<String, ShardedCluster.Shard> held;
    private final Map<String, Long> seqAtKill = new LinkedHashMap<>();
    private long killedAt;

    private BusiestNode(ShardedCluster cluster, DemoProcess node) throws Exception {
        this.cluster = cluster;
        this.node = node;
        this.others = cluster.nodes().stream().filter(n -> n != node).toList();
        this.held = cluster.localShards(node);
    }

    /**
     * After at least 3 s of traffic and once the shards have settled (owners, generations and standbys unchanged over
     * three reads 0.5 s apart, at most 30 s: a loaded machine moves shards for longer): the node running the most
     * shards ({@link ShardedCluster#busiest}).
     */
    static BusiestNode pick(ShardedCluster cluster) throws Exception {
        Thread.sleep(3_000);
        long deadline = System.currentTimeMillis() + 30_000;
        String last = null;
        int same = 0;
        while (same < 3 && System.currentTimeMillis() < deadline) {
            String layout = layout(cluster);
            same = layout.equals(last) ? same + 1 : 1;
            last = layout;
            Thread.sleep(500);
        }
        return new BusiestNode(cluster, cluster.busiest(cluster.nodes()));
    }

    /** Every shard's owner, generation and standby as the first node reads them. */
    private static String layout(ShardedCluster cluster) throws Exception {
        StringBuilder out = new StringBuilder();
        cluster.shards(cluster.nodes().get(0)).values().forEach(s -> out.append(s.name()).append('=')
                .append(s.owner()).append('/').append(s.generation()).append('/').append(s.standby()).append(' '));
        return out.toString();
    }

    DemoProcess node() {
        return node;
    }

    /** The other nodes, the survivors of a kill. */
    List<DemoProcess> others() {
        return others;
    }

    /** The shards the node ran when picked, by name. */
    Map<String, ShardedCluster.Shard> held() {
        return held;
    }

    /** The node's id, as the owner of its shards. */
    String id() {
        return held.values().iterator().next().owner();
    }

    /**
     * Kills the node (SIGKILL), records each held topic's seq in Redis just after, has every client's book on those
     * topics watch for what comes after it, waits until the other nodes own the shards, then 4 s and until the
     * clients caught up.
     */
    void killAndAwaitTakeover(Watchers watchers) throws Exception {
        killedAt = System.nanoTime();
        node.kill();
        Thread.sleep(100); // whatever the dead node had sent reached Redis; its leases hold for the TTL
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
        cluster.awaitMoved(held, id(), others.get(0));
        Thread.sleep(4_000);
        watchers.awaitCaughtUp();
    }

    /** The held shards as the survivors now run them, survivor by survivor. */
    List<ShardedCluster.Shard> moved() throws Exception {
        List<ShardedCluster.Shard> out = new ArrayList<>();
        for (DemoProcess n : others) {
            for (ShardedCluster.Shard s : cluster.localShards(n).values()) {
                if (held.containsKey(s.name())) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /**
     * Per moved shard: from the kill to the first message above a topic's seq at the kill that any client got, over
     * the shard's topics (only the new owner can have published it).
     */
    Map<String, Long> takeoverMillis(Watchers watchers) {
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
    List<String> notResynced(Watchers watchers) {
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
