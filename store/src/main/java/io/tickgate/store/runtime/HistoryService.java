package io.tickgate.store.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.tickgate.bus.api.Broker;
import io.tickgate.gateway.Gateway;
import io.tickgate.store.api.HistoryStore;
import io.tickgate.store.api.HistoryStores;
import io.tickgate.store.api.StoreSettings;
import io.tickgate.store.ingest.HistoryIngest;
import io.tickgate.store.ingest.IngestOwner;
import io.tickgate.store.ingest.OpenCandles;
import io.tickgate.store.rest.HistoryRoutes;
import io.tickgate.store.writer.StoreWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/**
 * Everything the history store runs in a process, started in data-flow order (store, writer, broker listener) and
 * closed in reverse: the listener stops first, the writer then writes what waits, the store closes last. Start it
 * before the producers so the first trades are kept; {@link #attach} it to the gateway once that runs.
 */
public final class HistoryService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryService.class);
    private static final int QUERY_THREADS = 2;

    private final HistoryStore store;
    private final StoreWriter writer;
    private final OpenCandles openCandles = new OpenCandles();
    private final HistoryIngest ingest;
    private final IngestOwner owner;
    private final boolean requiredForReady;
    private HistoryRoutes routes;

    private HistoryService(HistoryStore store, StoreSettings settings, Broker broker, boolean sharedBroker,
                           MeterRegistry registry) {
        this.store = store;
        this.requiredForReady = settings.requiredForReady();
        this.writer = new StoreWriter(store, settings, registry);
        this.ingest = new HistoryIngest(writer, openCandles, settings.bookLevels(), settings.bookIntervalMillis());
        IngestPlacement placement = IngestPlacement.of(settings, sharedBroker);
        ingest.storing(placement == IngestPlacement.ALWAYS);
        this.owner = placement == IngestPlacement.LEASE
                ? new IngestOwner(broker.leases(), "store-" + UUID.randomUUID(), settings.ingestLeaseMillis(), ingest)
                : null;
        ingest.subscribe(broker);
        LOG.info("history store ingest: {}", placement.describe());
    }

    /** {@link #start(StoreSettings, Broker, boolean, MeterRegistry)} on a broker of this process only. */
    public static HistoryService start(StoreSettings settings, Broker broker, MeterRegistry registry) {
        return start(settings, broker, false, registry);
    }

    /**
     * Opens the configured backend and starts writing what {@code broker} carries, where {@code store.ingest} places
     * it ({@link IngestPlacement}).
     *
     * @param sharedBroker true when other nodes share the broker (Redis), so they may share the store too
     * @throws IllegalStateException if the database cannot be opened or migrated
     */
    public static HistoryService start(StoreSettings settings, Broker broker, boolean sharedBroker,
                                       MeterRegistry registry) {
        HistoryStore store = HistoryStores.open(settings);
        try {
            return new HistoryService(store, settings, broker, sharedBroker, registry);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * Serves {@code /api/v1/klines} and {@code /api/v1/trades} and adds the {@code store} readiness check: advisory
     * (the node is reported degraded, stays ready for live data) unless {@code store.requiredForReady}.
     */
    public void attach(Gateway gateway) {
        routes = new HistoryRoutes(store, openCandles, QUERY_THREADS).register(gateway);
        if (requiredForReady) {
            gateway.readiness().register("store", writer::problem);
        } else {
            gateway.readiness().registerAdvisory("store", writer::problem);
        }
    }

    public HistoryStore store() {
        return store;
    }

    public StoreWriter writer() {
        return writer;
    }

    /** True while this node writes what the broker carries into the store. */
    public boolean ingesting() {
        return ingest.storing();
    }

    @Override
    public void close() {
        if (owner != null) {
            owner.close();
        }
        ingest.close();
        if (routes != null) {
            routes.close();
        }
        writer.close();
        store.close();
    }
}
