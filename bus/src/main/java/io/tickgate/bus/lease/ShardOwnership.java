package io.tickgate.bus.lease;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tickgate.bus.api.Broker;
import io.tickgate.bus.api.Subscription;
import io.tickgate.bus.presence.NodeInfo;
import io.tickgate.bus.presence.NodeStatus;
import io.tickgate.bus.presence.PresenceNode;
import io.tickgate.model.topic.Topic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's side of the shard leases: every {@code ttl / 3} it renews the leases it holds, takes free shards up to
 * its even share ({@link ShardSpread}) among the live collectors (starting them for at most a third of the TTL per
 * tick, so that slow starts never outlast the leases taken first), and gives back a surplus seen on two ticks in a
 * row (over its share, or 2 more than the collector holding fewest, e.g. one that joined; two ticks so that a
 * registry view missing a node for a moment moves nothing). A lease it
 * cannot renew, or a topic on which its publishes were fenced, makes it step down at once. {@link #close} leaves the
 * registry, then hands every lease over (stops the shard, then releases the lease) so another node takes it on its
 * next tick without waiting for the TTL.
 *
 * <p>Collectors find each other through the broker's presence registry: this joins it as {@code collector:NODE}.
 * A shard left free for two ticks is taken even above the share (no shard stays unowned while the registry view
 * lags). Shards with a hot standby ({@link Standbys}) are left to their standby when freed by a dead, stalled or
 * departing owner, for 3 ticks; one a live owner handed over to rebalance goes by the share. All state
 * lives on one thread; {@link #owned()} and {@link #standbys()} are snapshots for other threads.
 */
public final class ShardOwnership implements AutoCloseable {

    /** Presence ids of collectors start with this. */
    public static final String COLLECTOR_PREFIX = "collector:";
    private static final Logger LOG = LoggerFactory.getLogger(ShardOwnership.class);
    private static final long CALL_MILLIS = 5_000;

    private final String node;
    private final List<String> shards;
    private final Broker broker;
    private final ShardListener listener;
    private final Function<Topic, String> shardOf;
    private final long ttlMillis;
    private final ScheduledExecutorService thread;
    private final Map<String, Long> owned = new LinkedHashMap<>();
    private final Map<String, Long> ownedView = new ConcurrentHashMap<>();
    private final Map<String, Integer> freeTicks = new HashMap<>();
    private final Set<String> fenced = ConcurrentHashMap.newKeySet();
    private final PresenceNode presence;
    private final Subscription fencing;
    private final Counter takeovers;
    private final Counter handovers;
    private final Counter stepDowns;
    private final Standbys standbys;
    private int surplusTicks;
    /** The last lease read a tick got from the store (written by the ownership thread only); null before. */
    private volatile LeaseState lastSeen;
    /** When this tick renewed the held leases ({@link System#nanoTime()}). */
    private long renewedAt;
    private volatile boolean closed;

    /**
     * Starts taking part: joins the registry as a collector and ticks every {@code ttlMillis / 3}.
     *
     * @param node      this node's id
     * @param shards    every shard's name, the same list on every node
     * @param shardOf   the shard a topic belongs to (null: none of ours), to step down when fenced
     * @param ttlMillis how long a lease lives without renewal: a dead owner's shards move after at most this
     * @param registry  metrics (tickgate.shards.*), or null
     */
    public ShardOwnership(String node, List<String> shards, Broker broker, Function<Topic, String> shardOf,
                          ShardListener listener, long ttlMillis, MeterRegistry registry) {
        this(node, shards, broker, shardOf, listener, ttlMillis, registry, s -> false);
    }

    /**
     * As above, and the shards {@code hotStandby} accepts get a hot standby ({@link Standbys}): the node named
     * standby hears {@link ShardListener#standby}, takes the shard at once when a dead, stalled or departing owner left
     * it free (even above its share), and the other nodes leave it to the standby for 3 ticks; a shard handed over by
     * a live owner (a rebalance) goes by the share.
     */
    public ShardOwnership(String node, List<String> shards, Broker broker, Function<Topic, String> shardOf,
                          ShardListener listener, long ttlMillis, MeterRegistry registry,
                          Predicate<String> hotStandby) {
        if (ttlMillis < 30) {
            throw new IllegalArgumentException("lease TTL must be >= 30 ms, was " + ttlMillis);
        }
        this.node = node;
        this.shards = List.copyOf(new TreeSet<>(shards));
        this.broker = broker;
        this.listener = listener;
        this.shardOf = shardOf;
        this.ttlMillis = ttlMillis;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tickgate-shards");
            t.setDaemon(true);
            return t;
        });
        MeterRegistry r = registry == null ? new io.micrometer.core.instrument.simple.SimpleMeterRegistry()
                : registry;
        takeovers = Counter.builder("tickgate.shards.takeovers")
                .description("shards this node took over from another owner (expired or handed over)").register(r);
        handovers = Counter.builder("tickgate.shards.handovers")
                .description("shards this node gave back (rebalance, shutdown)").register(r);
        stepDowns = Counter.builder("tickgate.shards.step.downs")
                .description("shards this node stopped because its lease was lost or its publishes fenced")
                .register(r);
        standbys = new Standbys(node, hotStandby);
        FunctionCounter.builder("tickgate.shards.fenced.publishes", broker, b -> b.fencing().count())
                .description("events the broker refused because their lease generation was stale").register(r);
        this.presence = broker.presence().join(new NodeInfo(COLLECTOR_PREFIX + node, "collector",
                System.currentTimeMillis(), Math.max(10, ttlMillis / 3)));
        this.fencing = broker.fencing().add(this::onFenced);
        thread.scheduleWithFixedDelay(this::tick, 0, ttlMillis / 3, TimeUnit.MILLISECONDS);
    }

    /** The shards this node owns now, with their lease generation (a snapshot; any thread). */
    public Map<String, Long> owned() {
        return Map.copyOf(ownedView);
    }

    /** This node's id (what the leases name as owner). */
    public String node() {
        return node;
    }

    /** Every shard, sorted. */
    public List<String> shards() {
        return shards;
    }

    /** The lease of every shard as the store answers now (any thread; for {@code /api/v1/feeds}). */
    public CompletableFuture<Map<String, Lease>> leases() {
        List<CompletableFuture<Lease>> reads = shards.stream().map(s -> broker.leases().read(s)).toList();
        return CompletableFuture.allOf(reads.toArray(new CompletableFuture<?>[0])).thenApply(v -> {
            Map<String, Lease> out = new LinkedHashMap<>();
            reads.forEach(f -> out.put(f.join().shard(), f.join()));
            return out;
        });
    }

    /**
     * Every shard's lease for {@code GET /api/v1/feeds}: read from the store if it answers within
     * {@code timeoutMillis}, else (never failing) this node's local view, marked stale with the reason
     * ({@link LeaseState}). Any thread; the future completes on the broker's or the JDK's timer thread, never blocks
     * the caller.
     */
    public CompletableFuture<LeaseState> leaseState(long timeoutMillis) {
        CompletableFuture<Map<String, Lease>> read;
        try {
            read = leases();
        } catch (RuntimeException e) {
            read = CompletableFuture.failedFuture(e);
        }
        return read.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS).handle((leases, failure) -> failure == null
                ? LeaseState.fresh(leases, System.currentTimeMillis()) : local(failure, timeoutMillis));
    }

    /** What this node knows without the store: its own shards as held now, the others as its last tick read them. */
    private LeaseState local(Throwable failure, long timeoutMillis) {
        LeaseState seen = lastSeen;
        Map<String, Long> mine = owned();
        Map<String, Lease> out = new LinkedHashMap<>();
        for (String s : shards) {
            Long generation = mine.get(s);
            Lease last = seen == null ? null : seen.leases().get(s);
            if (generation != null) {
                out.put(s, new Lease(s, node, generation, ttlMillis));
            } else if (last != null) {
                // this node no longer holds what it held then; who took it over is unknown
                out.put(s, last.heldBy(node) ? new Lease(s, null, last.generation(), 0) : last);
            }
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        String error = cause instanceof TimeoutException
                ? "the broker did not answer the lease read within " + timeoutMillis + " ms" : cause.toString();
        return new LeaseState(out, true, error, seen == null ? 0 : seen.readAtMillis());
    }

    /** Shard → the node standing by for it, as of the last tick (shards without a standby are absent; any thread). */
    public Map<String, String> standbys() {
        return standbys.view();
    }

    /**
     * Steps down from a shard when the topic's generation (what fenced the refused events) is above the lease this
     * node holds: another node took the shard. Refused events of an older generation of this node's own (queued or
     * resent from a lease it stepped down from before taking the shard anew) say nothing about the lease held now,
     * even when they went to Redis in one call with events of the new lease ({@link Fenced#generation()} is the
     * highest of the call's, so it cannot tell; a lone collector on a busy machine stepped down again and again).
     */
    private void onFenced(Fenced f) {
        String shard = shardOf.apply(f.topic());
        Long held = shard == null ? null : ownedView.get(shard);
        if (held != null && f.current() > held) {
            fenced.add(shard);
            thread.execute(this::tick);
        }
    }

    private void tick() {
        if (closed) {
            return;
        }
        try {
            for (String s : fenced) {
                fenced.remove(s);
                if (owned.containsKey(s)) {
                    LOG.warn("shard {}: publishes fenced by a newer owner; stepping down", s);
                    stepDown(s);
                }
            }
            renew();
            renewedAt = System.nanoTime();
            List<String> live = live();
            Map<String, Lease> leases = leases().get(CALL_MILLIS, TimeUnit.MILLISECONDS);
            lastSeen = LeaseState.fresh(leases, System.currentTimeMillis());
            int quota = ShardSpread.quota(shards.size(), live.size());
            standbys.update(leases, live, listener, System.nanoTime());
            giveBackSurplus(quota, fewest(live, leases));
            takeFree(leases, quota, live);
        } catch (Exception e) {
            LOG.warn("shards: tick failed ({}); retrying", e.toString());
        }
    }

    private void renew() throws Exception {
        for (Map.Entry<String, Long> e : new ArrayList<>(owned.entrySet())) {
            boolean ok;
            long callStart = System.nanoTime();
            try {
                ok = broker.leases().renew(e.getKey(), node, e.getValue(), ttlMillis)
                        .get(CALL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (Exception ex) {
                ok = false; // cannot tell: stop before the lease may pass to another node
            }
            if (!ok) {
                long now = System.nanoTime();
                LOG.warn("shard {}: lease not renewed (expired or taken); stepping down (the last renewal round ended "
                        + "{} ms ago, the renewal call took {} ms; TTL {} ms)", e.getKey(),
                        renewedAt == 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(now - renewedAt),
                        TimeUnit.NANOSECONDS.toMillis(now - callStart), ttlMillis);
                stepDown(e.getKey());
            }
        }
    }

    private List<String> live() throws Exception {
        List<String> out = new ArrayList<>();
        out.add(COLLECTOR_PREFIX + node);
        for (NodeStatus s : broker.presence().nodes().get(CALL_MILLIS, TimeUnit.MILLISECONDS)) {
            if (s.id().startsWith(COLLECTOR_PREFIX) && !out.contains(s.id())) {
                out.add(s.id());
            }
        }
        return out;
    }

    /** The fewest shards a live collector holds (0 for one that joined and holds none yet). */
    private static int fewest(List<String> live, Map<String, Lease> leases) {
        Map<String, Integer> counts = new HashMap<>();
        for (String id : live) {
            counts.put(id.substring(COLLECTOR_PREFIX.length()), 0);
        }
        for (Lease l : leases.values()) {
            if (l.owner() != null) {
                counts.computeIfPresent(l.owner(), (k, n) -> n + 1);
            }
        }
        return counts.values().stream().mapToInt(Integer::intValue).min().orElse(0);
    }

    /**
     * Over the share, the surplus goes back; within it, one shard goes back while this node holds 2 or more than the
     * collector holding fewest (4 shards on 3 nodes end as 2 + 1 + 1, not 2 + 2 + 0).
     */
    private void giveBackSurplus(int quota, int fewest) {
        int surplus = Math.max(owned.size() - quota, owned.size() > fewest + 1 ? 1 : 0);
        surplusTicks = surplus > 0 ? surplusTicks + 1 : 0;
        if (surplusTicks < 2) {
            return;
        }
        // give back the shards this node prefers least
        List<String> order = ShardSpread.preferred(new ArrayList<>(owned.keySet()), node);
        for (String s : order.subList(order.size() - surplus, order.size())) {
            handOver(s);
        }
        surplusTicks = 0;
    }

    private void takeFree(Map<String, Lease> leases, int quota, List<String> live) throws Exception {
        List<String> free = new ArrayList<>();
        for (Lease l : leases.values()) {
            if (l.free()) {
                free.add(l.shard());
                freeTicks.merge(l.shard(), 1, Integer::sum);
            } else {
                freeTicks.remove(l.shard());
            }
        }
        boolean started = false;
        for (String s : ShardSpread.preferred(free, node)) {
            if (started && System.nanoTime() - renewedAt > TimeUnit.MILLISECONDS.toNanos(ttlMillis / 3)) {
                break; // starting shards took a third of the TTL: renew the held leases (next tick) before more
            }
            // a shard its live owner handed over (a rebalance) goes by the share; one left by a dead, stalled or
            // departing owner goes to its live standby first, even above the standby's share
            String standby = standbys.of(s);
            boolean standbyFirst = standby != null && live.contains(COLLECTOR_PREFIX + standby)
                    && !standbys.rebalanced(s, live, System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(ttlMillis));
            boolean patient = freeTicks.getOrDefault(s, 0) < 3;
            if (!(standbyFirst && node.equals(standby)) && patient
                    && (owned.size() >= quota || standbyFirst)) {
                continue; // over the share, or the shard's live standby takes it
            }
            Lease l = broker.leases().acquire(s, node, ttlMillis).get(CALL_MILLIS, TimeUnit.MILLISECONDS);
            if (!l.heldBy(node)) {
                continue;
            }
            freeTicks.remove(s);
            started = true;
            owned.put(s, l.generation());
            ownedView.put(s, l.generation());
            try {
                standbys.promoted(s);
                listener.gained(s, l.generation(), standbys.vacantSince(s, System.nanoTime()));
            } catch (RuntimeException e) {
                LOG.error("shard {}: could not start; handing it back", s, e);
                handOver(s);
                continue;
            }
            if (l.generation() > 1) {
                takeovers.increment();
            }
            LOG.info("shard {}: owned by {} (generation {})", s, node, l.generation());
        }
    }

    private void stepDown(String shard) {
        owned.remove(shard);
        ownedView.remove(shard);
        stepDowns.increment();
        stop(shard);
    }

    /** Stops the shard here first, then frees its lease, so the next owner starts after this one stopped. */
    private void handOver(String shard) {
        Long generation = owned.remove(shard);
        ownedView.remove(shard);
        stop(shard);
        handovers.increment();
        try {
            broker.leases().release(shard, node, generation).get(CALL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warn("shard {}: release failed ({}); it moves when the lease expires", shard, e.toString());
        }
        LOG.info("shard {}: handed over by {}", shard, node);
    }

    private void stop(String shard) {
        try {
            listener.lost(shard);
        } catch (RuntimeException e) {
            LOG.error("shard {}: stopping failed", shard, e);
        }
    }

    /**
     * Stops ticking, leaves the registry, then hands every shard over. Leaving first: a node that sees a shard freed
     * here no longer counts this one among the live collectors, so its share covers the shard and it takes it on that
     * tick (were this node still listed, a node at its share would leave the shard for a later tick).
     */
    @Override
    public void close() {
        if (thread.isShutdown()) {
            return; // abandoned
        }
        closed = true; // a tick from now on takes and gives nothing
        presence.close();
        try {
            thread.submit(() -> {
                for (String s : new ArrayList<>(owned.keySet())) {
                    handOver(s);
                }
            }).get(CALL_MILLIS * 2, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warn("shards: handover on close incomplete ({})", e.toString());
        }
        fencing.close();
        thread.shutdownNow();
    }

    /**
     * Stops without handing over and without telling the listener: the leases stay until their TTL runs out, as
     * when the process dies (tests simulate a killed owner with it).
     */
    public void abandon() {
        closed = true;
        fencing.close();
        thread.shutdownNow();
        presence.close();
    }
}
