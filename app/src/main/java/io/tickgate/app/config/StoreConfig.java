package io.tickgate.app.config;

import io.tickgate.store.api.StoreSettings;

import java.util.Locale;

/**
 * {@code store}: the history store (keys and defaults: {@code tickgate-defaults.yaml}, docs/operations.md "History
 * store"). Kept apart from {@link TickgateConfig}'s other sections so it reads and merges on its own.
 */
public record StoreConfig(boolean enabled, String backend, String url, String user, String password, int poolSize,
                          long tradesRetentionMillis, long klinesRetentionMillis, int queueCapacity,
                          long maxWaitMillis, int batchSize, long retryMillis, int writers,
                          boolean synchronousCommit, String ingest, long ingestLeaseMillis,
                          Books books, boolean requiredForReady, long writeTimeoutMillis,
                          long socketTimeoutMillis) {

    /** {@code store.books}: periodic book snapshots. */
    public record Books(int levels, long intervalMillis) {
    }

    /**
     * The store's settings, validated.
     *
     * @throws IllegalArgumentException naming the bad key
     */
    public StoreSettings settings() {
        StoreSettings.Backend b = switch (backend == null ? "" : backend.trim().toLowerCase(Locale.ROOT)) {
            case "embedded" -> StoreSettings.Backend.EMBEDDED;
            case "postgres", "postgresql" -> StoreSettings.Backend.POSTGRES;
            default -> throw new IllegalArgumentException("store.backend must be embedded or postgres, not \""
                    + backend + "\"");
        };
        return StoreSettings.builder()
                .backend(b)
                .url(url == null ? "" : url.trim())
                .credentials(user, password)
                .poolSize(poolSize)
                .retention(tradesRetentionMillis, klinesRetentionMillis)
                .queue(queueCapacity, maxWaitMillis)
                .batchSize(batchSize)
                .retryMillis(retryMillis)
                .writers(writers)
                .synchronousCommit(synchronousCommit)
                .ingest(ingestMode(), ingestLeaseMillis)
                .books(books == null ? 20 : books.levels(), books == null ? 0 : books.intervalMillis())
                .requiredForReady(requiredForReady)
                .timeouts(writeTimeoutMillis, socketTimeoutMillis)
                .build();
    }

    private StoreSettings.Ingest ingestMode() {
        return switch (ingest == null ? "" : ingest.trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> StoreSettings.Ingest.AUTO;
            case "on" -> StoreSettings.Ingest.ON;
            case "off" -> StoreSettings.Ingest.OFF;
            default -> throw new IllegalArgumentException("store.ingest must be auto, on or off, not \"" + ingest
                    + "\"");
        };
    }
}
