package io.tickgate.bus.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickgate.bus.api.Broker;
import io.tickgate.bus.testing.NodeBrokers;
import io.tickgate.bus.api.Envelope;
import io.tickgate.bus.api.TopicImage;
import io.tickgate.bus.api.TopicListener;
import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.Side;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Channel;
import io.tickgate.model.topic.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every engine's leases and fencing do, with two nodes' brokers on one store (in-process: one broker). Each
 * test uses shard and topic names of its own, so the store needs no flush between tests.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class LeaseContractTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private final NodeBrokers brokers = new NodeBrokers();
    private final String run = Long.toString(System.nanoTime(), 36);

    /** A broker (a node's engine) on the shared store; closed after the test. */
    protected abstract Broker openBroker();

    private Broker broker() {
        return brokers.track(openBroker());
    }

    @AfterEach
    void closeBrokers() {
        brokers.close();
    }

    /** A Redis broker on {@code url}, once it is ready. */
    protected static Broker redisBroker(String url) {
        return NodeBrokers.redis(url);
    }

    private String shard(String name) {
        return "sim/" + name + "-" + run;
    }

    @Test
    void aFreeLeaseIsTakenOnceAndRenewedOnlyByItsOwner() {
        Leases a = broker().leases();
        Leases b = broker().leases();
        String s = shard("take");
        Lease first = a.acquire(s, "node-a", 5_000).join();
        assertThat(first.heldBy("node-a")).isTrue();
        assertThat(first.generation()).isPositive();
        assertThat(first.ttlMillis()).isBetween(1L, 5_000L);

        Lease other = b.acquire(s, "node-b", 5_000).join();
        assertThat(other.owner()).isEqualTo("node-a");
        assertThat(other.generation()).isEqualTo(first.generation());

        assertThat(a.acquire(s, "node-a", 5_000).join().generation()).as("re-acquire renews").isEqualTo(
                first.generation());
        assertThat(a.renew(s, "node-a", first.generation(), 5_000).join()).isTrue();
        assertThat(b.renew(s, "node-b", first.generation(), 5_000).join()).isFalse();
        assertThat(a.renew(s, "node-a", first.generation() + 1, 5_000).join()).isFalse();
        assertThat(b.read(s).join().owner()).isEqualTo("node-a");
    }

    @Test
    void anExpiredLeaseGoesToAnotherNodeWithAHigherGeneration() {
        Leases a = broker().leases();
        Leases b = broker().leases();
        String s = shard("expire");
        Lease first = a.acquire(s, "node-a", 300).join();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> b.read(s).join().free());
        Lease second = b.acquire(s, "node-b", 5_000).join();
        assertThat(second.heldBy("node-b")).isTrue();
        assertThat(second.generation()).isGreaterThan(first.generation());
        assertThat(a.renew(s, "node-a", first.generation(), 5_000).join()).as("the old owner's renewal").isFalse();
        assertThat(a.release(s, "node-a", first.generation()).join()).as("the old owner's release").isFalse();
        assertThat(b.read(s).join().heldBy("node-b")).isTrue();
    }

    @Test
    void aReleasedLeaseIsFreeAtOnce() {
        Leases a = broker().leases();
        Leases b = broker().leases();
        String s = shard("release");
        Lease first = a.acquire(s, "node-a", 60_000).join();
        assertThat(b.release(s, "node-b", first.generation()).join()).isFalse();
        assertThat(a.release(s, "node-a", first.generation()).join()).isTrue();
        Lease read = b.read(s).join();
        assertThat(read.free()).isTrue();
        assertThat(read.generation()).isEqualTo(first.generation());
        Lease second = b.acquire(s, "node-b", 60_000).join();
        assertThat(second.heldBy("node-b")).isTrue();
        assertThat(second.generation()).isEqualTo(first.generation() + 1);
    }

    @Test
    void badNamesAreRefusedWithAClearError() {
        Leases a = broker().leases();
        String s = shard("names");
        assertThat(a.acquire(s, "ok", 1_000).join().heldBy("ok")).isTrue();
        if (a instanceof LocalLeases) {
            return; // any name is fine in one JVM
        }
        assertThat(a.acquire("bad}name", "n", 1_000)).failsWithin(WAIT)
                .withThrowableOfType(Exception.class).withMessageContaining("'}'");
    }

    @Test
    void aStaleGenerationsPublishesAreRefusedCountedAndNeverInterleave() {
        Broker oldOwner = broker();
        Broker newOwner = broker();
        Topic topic = Topic.of("sim", "FENCE" + run.toUpperCase(), Channel.TRADE);
        Seen seen = new Seen();
        List<Fenced> fenced = new CopyOnWriteArrayList<>();
        oldOwner.fencing().add(fenced::add);

        for (int i = 1; i <= 3; i++) {
            oldOwner.publish(trade(topic, i), 1);
        }
        TopicClaim claim = await().atMost(WAIT).until(() -> newOwner.claim(topic, 2).join(),
                c -> c.last() != null && ((Trade) c.last()).tradeId().equals("3"));
        assertThat(claim.granted()).isTrue();
        assertThat(claim.generation()).isEqualTo(2);
        newOwner.subscribe(topic, seen);
        await().atMost(WAIT).until(() -> seen.imaged);

        oldOwner.publish(trade(topic, 4), 1); // the stale owner, still believing it owns the shard
        newOwner.publish(trade(topic, 4), 2);
        newOwner.publish(trade(topic, 5), 2);
        oldOwner.publish(trade(topic, 5), 1);
        await().atMost(WAIT).until(() -> seen.ids().size() >= 2 && oldOwner.fencing().count() == 2);

        assertThat(seen.ids()).containsExactly("4", "5");
        assertThat(seen.inOrder).isTrue();
        assertThat(fenced).allSatisfy(f -> {
            assertThat(f.topic()).isEqualTo(topic);
            assertThat(f.generation()).isEqualTo(1);
            assertThat(f.current()).isEqualTo(2);
        });
        assertThat(newOwner.claim(topic, 1).join().granted()).as("a stale claim").isFalse();
        if (newOwner != oldOwner) {
            assertThat(newOwner.fencing().count()).as("counted where they were published").isZero();
        }
    }

    @Test
    void unfencedPublishesAndNewerGenerationsPass() {
        Broker b = broker();
        Topic topic = Topic.of("sim", "OPEN" + run.toUpperCase(), Channel.TRADE);
        Seen seen = new Seen();
        b.subscribe(topic, seen);
        await().atMost(WAIT).until(() -> seen.imaged);
        b.publish(trade(topic, 1), 3);
        b.publish(trade(topic, 2), 0);
        b.publish(trade(topic, 3), 4);
        await().atMost(WAIT).until(() -> seen.ids().size() >= 3);
        assertThat(seen.ids()).containsExactly("1", "2", "3");
        assertThat(b.fencing().count()).isZero();
    }

    @Test
    void threeNodesSpreadShardsEvenlyTakeOverADeadOnesAndTakeHandoversAtOnce() {
        List<String> shards = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            shards.add(shard("spread" + i));
        }
        Map<String, Owners> owners = new ConcurrentHashMap<>();
        List<ShardOwnership> nodes = new ArrayList<>();
        try {
            for (String n : List.of("a", "b", "c")) {
                Owners o = owners.computeIfAbsent(n, x -> new Owners());
                nodes.add(new ShardOwnership(n + run, shards, broker(), t -> null, o, 600, null));
            }
            await().atMost(WAIT).until(() -> owners.values().stream().allMatch(o -> o.owned().size() == 2)
                    && distinct(owners) == 6);

            // c dies: its leases expire, a and b take its shards with higher generations
            Map<String, Long> ofC = owners.get("c").owned();
            nodes.get(2).abandon();
            await().atMost(WAIT).until(() -> owners.get("a").owned().size() == 3
                    && owners.get("b").owned().size() == 3);
            for (Map.Entry<String, Long> e : ofC.entrySet()) {
                long now = owners.get("a").owned().getOrDefault(e.getKey(),
                        owners.get("b").owned().getOrDefault(e.getKey(), 0L));
                assertThat(now).as("generation of " + e.getKey()).isGreaterThan(e.getValue());
            }

            // b shuts down: it hands over (stops first), a takes everything well before a TTL would pass
            nodes.get(1).close();
            assertThat(owners.get("b").owned()).isEmpty();
            await().atMost(WAIT).until(() -> owners.get("a").owned().size() == 6);
            assertThat(nodes.get(0).owned()).hasSize(6);
            assertThat(owners.values()).allSatisfy(o -> assertThat(o.overlaps).isZero());
        } finally {
            nodes.forEach(ShardOwnership::close);
        }
    }

    @Test
    void aJoiningNodeGetsItsShareAndThenNothingMoves() throws InterruptedException {
        List<String> shards = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            shards.add(shard("join" + i));
        }
        Map<String, Owners> owners = new ConcurrentHashMap<>();
        List<ShardOwnership> nodes = new ArrayList<>();
        try {
            for (String n : List.of("a", "b")) {
                nodes.add(new ShardOwnership(n + run, shards, broker(), t -> null,
                        owners.computeIfAbsent(n, x -> new Owners()), 600, null));
            }
            await().atMost(WAIT).until(() -> owners.get("a").owned().size() == 2
                    && owners.get("b").owned().size() == 2);
            nodes.add(new ShardOwnership("c" + run, shards, broker(), t -> null,
                    owners.computeIfAbsent("c", x -> new Owners()), 600, null));
            await().atMost(WAIT).until(() -> distinct(owners) == 4 && owners.values().stream()
                    .allMatch(o -> o.owned().size() >= 1 && o.owned().size() <= 2));
            Map<String, Map<String, Long>> settled = new java.util.HashMap<>();
            owners.forEach((n, o) -> settled.put(n, o.owned()));
            Thread.sleep(2_000); // ten ticks: a settled spread stays as it is
            owners.forEach((n, o) -> assertThat(o.owned()).as(n).isEqualTo(settled.get(n)));
            assertThat(owners.values()).allSatisfy(o -> assertThat(o.overlaps).isZero());
        } finally {
            nodes.forEach(ShardOwnership::close);
        }
    }

    @Test
    void withHotStandbysNodesJoiningOneByOneSettleAndADeadOwnersShardsGoToTheirStandbys()
            throws InterruptedException {
        List<String> shards = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            shards.add(shard("standby" + i));
        }
        Map<String, Owners> owners = new ConcurrentHashMap<>();
        List<ShardOwnership> nodes = new ArrayList<>();
        try {
            // each joins once the others hold everything: every join is a rebalance, shards handed over by live
            // owners; a standby taking such a shard above its share would hand it back, forever
            for (String n : List.of("a", "b", "c")) {
                nodes.add(new ShardOwnership(n + run, shards, broker(), t -> null,
                        owners.computeIfAbsent(n, x -> new Owners()), 600, null, s -> true));
                int joined = nodes.size();
                int least = 9 / joined;
                int most = (9 + joined - 1) / joined;
                await().atMost(WAIT).until(() -> distinct(owners) == 9 && owners.values().stream()
                        .allMatch(o -> o.owned().size() >= least && o.owned().size() <= most));
            }
            Map<String, Map<String, Long>> settled = new java.util.HashMap<>();
            owners.forEach((n, o) -> settled.put(n, o.owned()));
            Thread.sleep(2_000); // ten ticks: a settled spread stays as it is, generations included
            owners.forEach((n, o) -> assertThat(o.owned()).as(n).isEqualTo(settled.get(n)));

            // c dies: each of its shards goes to the standby every node named for it
            Map<String, String> standbyOf = new java.util.HashMap<>();
            Map<String, String> view = nodes.get(0).standbys();
            owners.get("c").owned().keySet().forEach(s -> standbyOf.put(s, view.get(s)));
            assertThat(standbyOf.values()).doesNotContainNull().doesNotContain("c" + run);
            nodes.get(2).abandon();
            await().atMost(WAIT).until(() -> standbyOf.keySet().stream().allMatch(s ->
                    owners.get("a").owned().containsKey(s) || owners.get("b").owned().containsKey(s)));
            standbyOf.forEach((s, standby) -> assertThat(owners.get(standby.substring(0, 1)).owned())
                    .as("%s went to its standby %s", s, standby).containsKey(s));
            assertThat(owners.values()).allSatisfy(o -> assertThat(o.overlaps).isZero());
        } finally {
            nodes.forEach(ShardOwnership::close);
        }
    }

    @Test
    void aNodeWhoseShardsStartSlowlyKeepsTheLeasesItTookFirst() {
        List<String> shards = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            shards.add(shard("slow" + i));
        }
        Owners owner = new Owners();
        ShardListener slow = new ShardListener() {
            @Override
            public void gained(String shard, long generation) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250)); // a loaded machine starting a pool
                owner.gained(shard, generation);
            }

            @Override
            public void lost(String shard) {
                owner.stepDowns++;
                owner.lost(shard);
            }
        };
        // alone, the node takes all 6 shards; starting them one after another (1.5 s) outlasts the 900 ms TTL
        ShardOwnership node = new ShardOwnership("slow" + run, shards, broker(), t -> null, slow, 900, null);
        try {
            await().atMost(WAIT).until(() -> owner.owned().size() == 6);
            assertThat(owner.stepDowns).as("shards lost while the others started").isZero();
            assertThat(owner.owned().values()).as("generations").allMatch(g -> g == 1);
        } finally {
            node.close();
        }
    }

    @Test
    void anOwnerWhosePublishesAreFencedStepsDown() {
        String s = shard("fenced");
        Topic topic = Topic.of("sim", "STEP" + run.toUpperCase(), Channel.TRADE);
        Broker mine = broker();
        Broker other = broker();
        Owners owner = new Owners();
        ShardOwnership node = new ShardOwnership("paused" + run, List.of(s), mine, t -> t.equals(topic) ? s : null,
                owner, 60_000, null);
        try {
            await().atMost(WAIT).until(() -> owner.owned().containsKey(s));
            long generation = owner.owned().get(s);
            // another node took the shard over while this one was paused: it claimed the topic with a newer generation
            assertThat(other.claim(topic, generation + 1).join().granted()).isTrue();
            mine.publish(trade(topic, 1), generation);
            await().atMost(WAIT).until(() -> owner.owned().isEmpty() && node.owned().isEmpty());
            assertThat(mine.fencing().count()).isEqualTo(1);
        } finally {
            node.close();
        }
    }

    @Test
    void refusalsOfTheOwnersOwnOlderGenerationDoNotMakeItStepDown() throws Exception {
        String s = shard("own");
        Topic topic = Topic.of("sim", "OWN" + run.toUpperCase(), Channel.TRADE);
        Broker mine = broker();
        // the shard was held and given up once: this node takes it at generation 2
        assertThat(mine.leases().acquire(s, "before" + run, 60_000).join().heldBy("before" + run)).isTrue();
        assertThat(mine.leases().release(s, "before" + run, 1).join()).isTrue();
        Owners owner = new Owners();
        ShardOwnership node = new ShardOwnership("again" + run, List.of(s), mine, t -> t.equals(topic) ? s : null,
                owner, 60_000, null);
        try {
            await().atMost(WAIT).until(() -> owner.owned().containsKey(s));
            long generation = owner.owned().get(s);
            assertThat(generation).isEqualTo(2);
            // a call holding events queued under generation 1 and under 2: the old ones are refused by the new lease's
            // own fence (the call reports its highest generation, 2, and the topic's, 2)
            mine.fencing().fenced(new Fenced(topic, generation, generation, 3));
            Thread.sleep(300);
            assertThat(owner.owned()).as("still the owner").containsKey(s);
            // a newer owner's fence is another matter
            mine.fencing().fenced(new Fenced(topic, generation, generation + 1, 1));
            await().atMost(WAIT).until(() -> owner.owned().isEmpty());
        } finally {
            node.close();
        }
    }

    private static long distinct(Map<String, Owners> owners) {
        return owners.values().stream().flatMap(o -> o.owned().keySet().stream()).distinct().count();
    }

    /** A node's shard listener: what it owns, and whether it was ever told it gained a shard it owned already. */
    private static final class Owners implements ShardListener {
        private final Map<String, Long> owned = new ConcurrentHashMap<>();
        volatile int overlaps;
        volatile int stepDowns;

        @Override
        public void gained(String shard, long generation) {
            if (owned.put(shard, generation) != null) {
                overlaps++;
            }
        }

        @Override
        public void lost(String shard) {
            owned.remove(shard);
        }

        Map<String, Long> owned() {
            return Map.copyOf(owned);
        }
    }

    private static Trade trade(Topic t, long id) {
        return new Trade(t.source(), t.symbol(), Long.toString(id), Decimal.parse("100.5"), Decimal.parse("1"),
                Side.BUY, 1_700_000_000_000L + id);
    }

    /** A subscriber's view: the trade ids after its image, and whether seqs came in order without repeats. */
    private static final class Seen implements TopicListener {
        private final List<String> ids = new ArrayList<>();
        volatile boolean imaged;
        volatile boolean inOrder = true;
        private long seq = -1;

        @Override
        public synchronized void onImage(TopicImage image) {
            seq = image.seq();
            imaged = true;
        }

        @Override
        public synchronized void onEnvelope(Envelope e) {
            if (seq >= 0 && e.seq() != seq + 1) {
                inOrder = false;
            }
            seq = e.seq();
            ids.add(((Trade) e.event()).tradeId());
        }

        synchronized List<String> ids() {
            return List.copyOf(ids);
        }
    }
}
