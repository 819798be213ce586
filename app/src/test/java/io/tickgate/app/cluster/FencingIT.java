package io.tickgate.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickgate.app.DemoProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A stale owner is fenced: three nodes ({@link ShardedCluster}: Binance and OKX in 3 shards each, lease TTL
 * {@value #TTL_MILLIS} ms) and clients on every node; the node running the most shards is paused (SIGSTOP) past its
 * leases, the other nodes take its shards over with newer generations, then it resumes (SIGCONT) still believing it
 * owns them and publishes what its venue sockets buffered meanwhile. The broker refuses those publishes and the node
 * counts them ({@code tickgate_shards_fenced_publishes_total}) and steps down
 * ({@code tickgate_shards_step_downs_total}; its {@code /api/v1/feeds} no longer shows the shards at their old
 * generation). No client ever sees a seq twice or out of order, and every trade topic's venue ids stay complete and
 * unique; no gap of any kind.
 */
@Timeout(360)
class FencingIT {

    private static final long TTL_MILLIS = 3_000;
    private static final int CLIENTS = 12;

    @Test
    void aPausedOwnerResumingPastItsLeaseIsFencedAndStepsDownWhileClientsSeeEverySeqOnce() throws Exception {
        ShardedCluster.run(TTL_MILLIS, CLIENTS, FencingIT::run);
    }

    private static void run(ShardedCluster cluster, Watchers watchers) throws Exception {
        BusiestNode busiest = BusiestNode.pick(cluster);
        DemoProcess paused = busiest.node();
        List<DemoProcess> others = busiest.others();
        Map<String, ShardedCluster.Shard> held = busiest.held();
        String pausedId = busiest.id();
        double fencedBefore = cluster.metric(paused, "tickgate_shards_fenced_publishes_total");
        double stepDownsBefore = cluster.metric(paused, "tickgate_shards_step_downs_total");

        paused.pause();
        long pausedAt = System.nanoTime();
        cluster.awaitMoved(held, pausedId, others.get(0)); // once the paused node's leases expired
        long movedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - pausedAt);
        Thread.sleep(1_500); // the new owners publish; the paused node's venue sockets keep buffering
        paused.resume();
        long pausedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - pausedAt);

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() ->
                cluster.metric(paused, "tickgate_shards_step_downs_total") >= stepDownsBefore + held.size());
        Map<String, ShardedCluster.Shard> after = cluster.localShards(paused);
        for (ShardedCluster.Shard h : held.values()) {
            ShardedCluster.Shard now = after.get(h.name());
            assertThat(now == null || now.generation() > h.generation())
                    .as("the resumed node no longer runs %s at generation %d (now: %s)", h.name(), h.generation(), now)
                    .isTrue();
        }
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() ->
                cluster.metric(paused, "tickgate_shards_fenced_publishes_total") > fencedBefore);
        double fenced = cluster.metric(paused, "tickgate_shards_fenced_publishes_total") - fencedBefore;

        Thread.sleep(3_000);
        watchers.awaitCaughtUp();
        List<String> problems = watchers.problems();
        System.out.printf("FencingIT: paused %s (%s) for %d ms; its shards moved after %d ms; on resume %.0f publishes"
                        + " fenced, %.0f step downs; %d clients saw %d trades, %d reconnects%n", pausedId,
                held.keySet(), pausedMillis, movedMillis, fenced,
                cluster.metric(paused, "tickgate_shards_step_downs_total") - stepDownsBefore, CLIENTS,
                watchers.tradesSeen(), watchers.reconnects());
        assertThat(problems).as("clients' trade logs and books").isEmpty();
        assertThat(watchers.gaps()).as("seq gaps reported by clients").isEmpty();
        assertThat(watchers.upstreamGaps()).as("gap notices (trades not recovered)").isEmpty();
        assertThat(watchers.duplicates()).as("duplicates dropped by clients").isZero();
        assertThat(fenced).as("the resumed node's publishes refused").isPositive();
    }
}
