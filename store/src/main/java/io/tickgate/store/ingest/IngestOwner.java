package io.tickgate.store.ingest;

import io.tickgate.bus.lease.Lease;
import io.tickgate.bus.lease.Leases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Makes one node of those sharing a broker the store's writer: every {@code ttl / 3} it takes the
 * {@value #LEASE} lease when free, or renews it when held; {@link HistoryIngest#storing} follows ownership. A renewal
 * refused, or no renewal confirmed for a whole TTL (the broker unreachable, or this node stalled: another node may
 * hold the lease by now), makes it stop storing at once. {@link #close} stops storing, then releases the lease, so another node
 * takes over on its next tick instead of after the TTL. Rows that two owners write around a handover are stored
 * once (the store's writes are idempotent); rows published while nobody holds the lease (a dead owner's TTL) are
 * not stored. All state lives on one thread.
 */
public final class IngestOwner implements AutoCloseable {

    /** The lease's name in the broker's lease store. */
    public static final String LEASE = "store/ingest";
    private static final Logger LOG = LoggerFactory.getLogger(IngestOwner.class);

    private final Leases leases;
    private final String node;
    private final long ttlMillis;
    private final HistoryIngest ingest;
    private final ScheduledExecutorService thread;
    private long generation = -1;
    private long lastConfirmed;

    /** Starts ticking; {@code ingest} stops storing until the lease is held. */
    public IngestOwner(Leases leases, String node, long ttlMillis, HistoryIngest ingest) {
        this.leases = leases;
        this.node = node;
        this.ttlMillis = ttlMillis;
        this.ingest = ingest;
        ingest.storing(false);
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "store-ingest-lease");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::tick, 0, Math.max(10, ttlMillis / 3), TimeUnit.MILLISECONDS);
    }

    /** True while this node holds the lease and stores. */
    public boolean owner() {
        return ingest.storing();
    }

    private void tick() {
        long now = System.currentTimeMillis();
        if (generation >= 0 && now - lastConfirmed >= ttlMillis) {
            stepDown("this tick came " + (now - lastConfirmed) + " ms after the last renewal: the lease may be gone");
        }
        try {
            if (generation < 0) {
                Lease l = leases.acquire(LEASE, node, ttlMillis).get(ttlMillis, TimeUnit.MILLISECONDS);
                if (l.heldBy(node)) {
                    generation = l.generation();
                    lastConfirmed = now;
                    ingest.storing(true);
                    LOG.info("store ingest: this node ({}) writes the store (lease generation {})", node, generation);
                }
            } else if (leases.renew(LEASE, node, generation, ttlMillis).get(ttlMillis, TimeUnit.MILLISECONDS)) {
                lastConfirmed = now;
            } else {
                stepDown("the lease was lost");
            }
        } catch (Exception e) {
            if (generation >= 0 && now - lastConfirmed >= ttlMillis) {
                stepDown("the lease could not be renewed for " + (now - lastConfirmed) + " ms: " + e);
            }
        }
    }

    private void stepDown(String why) {
        ingest.storing(false);
        generation = -1;
        LOG.warn("store ingest: this node ({}) stops writing the store: {}", node, why);
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(ttlMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ingest.storing(false);
        if (generation >= 0) {
            try {
                leases.release(LEASE, node, generation).get(ttlMillis, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                LOG.debug("store ingest: releasing the lease failed (it expires): {}", e.toString());
            }
        }
    }
}
