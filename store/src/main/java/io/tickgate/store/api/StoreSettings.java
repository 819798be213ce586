package io.tickgate.store.api;

import io.tickgate.store.sql.JdbcHistoryStore;

import java.util.Objects;

/**
 * The history store's settings (the {@code store} section of the configuration; keys and defaults in
 * docs/operations.md). Immutable, built by a validating {@link Builder}.
 *
 * @param backend          which backend holds the history
 * @param url              PostgreSQL: a JDBC URL ({@code jdbc:postgresql://host:5432/db}); embedded: the database
 *                         file ({@code data/history.db})
 * @param user             PostgreSQL user (empty: the driver's default)
 * @param password         PostgreSQL password (empty: none)
 * @param poolSize         PostgreSQL connections (one writes, the rest serve reads)
 * @param tradesRetentionMillis  trades older than this are dropped (0: kept forever)
 * @param klinesRetentionMillis  candles older than this are dropped (0: kept forever)
 * @param queueCapacity    rows that may wait for the database; beyond, new rows are dropped and counted
 * @param maxWaitMillis    how long a row may wait for the database before it is dropped and counted
 * @param batchSize        rows written per transaction at most
 * @param retryMillis      pause between attempts while the database fails
 * @param writers          PostgreSQL: connections a batch's trades are split over (by topic), written in parallel
 * @param synchronousCommit PostgreSQL: false sets {@code synchronous_commit = off} for the writer's transactions
 *                         (a server crash may then lose the last commits; docs/operations.md)
 * @param ingest           which nodes write what the broker carries into the store ({@link Ingest})
 * @param ingestLeaseMillis {@link Ingest#AUTO} on a shared broker and PostgreSQL: the ingest lease's TTL (how long
 *                         a dead owner's ingest may stay unowned)
 * @param bookLevels       periodic book snapshots: levels per side kept
 * @param bookIntervalMillis periodic book snapshots: one per book topic every this many ms (0: none, the default)
 * @param requiredForReady true: a failing database makes {@code /ready} 503 (check {@code store}); false (the
 *                         default): it is reported as degraded and the node stays ready to serve live data
 * @param writeTimeoutMillis how long one of the writer's statements may run (PostgreSQL cancels it past this,
 *                         {@code statement_timeout}); a write or retention run going on longer is reported by
 *                         {@code /ready} whatever the backend
 * @param socketTimeoutMillis PostgreSQL: how long any connection of the store may wait for the server to answer
 *                         before the driver gives it up (0: never); the last resort for a frozen server or network
 */
public record StoreSettings(Backend backend, String url, String user, String password, int poolSize,
                            long tradesRetentionMillis, long klinesRetentionMillis, int queueCapacity,
                            long maxWaitMillis, int batchSize, long retryMillis, int writers,
                            boolean synchronousCommit, Ingest ingest, long ingestLeaseMillis,
                            int bookLevels, long bookIntervalMillis, boolean requiredForReady,
                            long writeTimeoutMillis, long socketTimeoutMillis) {

    /** {@link #writeTimeoutMillis}'s default: a batch of thousands of rows takes well under a second when healthy. */
    public static final long DEFAULT_WRITE_TIMEOUT_MILLIS = 30_000;
    /** {@link #socketTimeoutMillis}'s default: above the write timeout, so the server's own timeout speaks first. */
    public static final long DEFAULT_SOCKET_TIMEOUT_MILLIS = 60_000;

    /** Where history is kept. */
    public enum Backend {
        /** A SQLite file in this process: no server to run (the default). */
        EMBEDDED,
        /** A PostgreSQL server. */
        POSTGRES
    }

    /** Which nodes write what the broker carries into the store (docs/operations.md, "History store"). */
    public enum Ingest {
        /**
         * One writer per store: every node with an embedded store or an in-process broker (its store and its topics
         * are its own); on a shared broker with PostgreSQL, the one node holding the {@code store/ingest} lease.
         */
        AUTO,
        /** This node writes every topic it sees (several such nodes on one PostgreSQL write each row again). */
        ON,
        /** This node writes nothing; it still serves the store's history (REST, export). */
        OFF
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link StoreSettings}; every setter has the documented default. */
    public static final class Builder {
        private Backend backend = Backend.EMBEDDED;
        private String url = "data/history.db";
        private String user = "";
        private String password = "";
        private int poolSize = 4;
        private long tradesRetentionMillis = 7L * 86_400_000L;
        private long klinesRetentionMillis = 365L * 86_400_000L;
        private int queueCapacity = 1_000_000;
        private long maxWaitMillis = 60_000;
        private int batchSize = 5_000;
        private long retryMillis = 500;
        private int writers = 1;
        private boolean synchronousCommit = true;
        private Ingest ingest = Ingest.AUTO;
        private long ingestLeaseMillis = 10_000;
        private int bookLevels = 20;
        private long bookIntervalMillis;
        private boolean requiredForReady;
        private long writeTimeoutMillis = DEFAULT_WRITE_TIMEOUT_MILLIS;
        private long socketTimeoutMillis = DEFAULT_SOCKET_TIMEOUT_MILLIS;

        public Builder backend(Backend b) {
            this.backend = Objects.requireNonNull(b, "backend");
            return this;
        }

        public Builder url(String u) {
            this.url = Objects.requireNonNull(u, "url");
            return this;
        }

        public Builder credentials(String u, String p) {
            this.user = u == null ? "" : u;
            this.password = p == null ? "" : p;
            return this;
        }

        public Builder poolSize(int n) {
            this.poolSize = n;
            return this;
        }

        public Builder retention(long tradesMillis, long klinesMillis) {
            this.tradesRetentionMillis = tradesMillis;
            this.klinesRetentionMillis = klinesMillis;
            return this;
        }

        public Builder queue(int capacity, long maxWait) {
            this.queueCapacity = capacity;
            this.maxWaitMillis = maxWait;
            return this;
        }

        public Builder batchSize(int n) {
            this.batchSize = n;
            return this;
        }

        public Builder retryMillis(long ms) {
            this.retryMillis = ms;
            return this;
        }

        public Builder writers(int n) {
            this.writers = n;
            return this;
        }

        public Builder synchronousCommit(boolean on) {
            this.synchronousCommit = on;
            return this;
        }

        public Builder ingest(Ingest mode, long leaseMillis) {
            this.ingest = Objects.requireNonNull(mode, "ingest");
            this.ingestLeaseMillis = leaseMillis;
            return this;
        }

        /** Periodic book snapshots: {@code levels} per side every {@code intervalMillis} (0: none). */
        public Builder books(int levels, long intervalMillis) {
            this.bookLevels = levels;
            this.bookIntervalMillis = intervalMillis;
            return this;
        }

        /** Whether a failing database makes the node unready (true) or only degraded (false, the default). */
        public Builder requiredForReady(boolean required) {
            this.requiredForReady = required;
            return this;
        }

        /**
         * How long one of the writer's statements may run ({@code writeMillis}) and, PostgreSQL, how long any
         * connection may wait for the server's answer ({@code socketMillis}, 0: never).
         */
        public Builder timeouts(long writeMillis, long socketMillis) {
            this.writeTimeoutMillis = writeMillis;
            this.socketTimeoutMillis = socketMillis;
            return this;
        }

        /** @throws IllegalArgumentException naming the first bad key */
        public StoreSettings build() {
            require(!url.isBlank(), "store.url is empty");
            require(poolSize >= 2, "store.poolSize must be >= 2 (one writer, one reader)");
            require(tradesRetentionMillis >= 0, "store.tradesRetentionMillis must be >= 0");
            require(klinesRetentionMillis >= 0, "store.klinesRetentionMillis must be >= 0");
            require(queueCapacity > 0, "store.queueCapacity must be > 0");
            require(maxWaitMillis > 0, "store.maxWaitMillis must be > 0");
            require(batchSize > 0, "store.batchSize must be > 0");
            require(retryMillis > 0, "store.retryMillis must be > 0");
            require(writers >= 1, "store.writers must be >= 1");
            require(bookLevels >= 1 && bookLevels <= 1_000, "store.books.levels must be 1 to 1000");
            require(bookIntervalMillis == 0 || bookIntervalMillis >= 100,
                    "store.books.intervalMillis must be 0 (off) or >= 100");
            require(ingestLeaseMillis >= 30, "store.ingestLeaseMillis must be >= 30");
            require(poolSize > writers, "store.poolSize must exceed store.writers (the rest serve reads)");
            require(writeTimeoutMillis > 0, "store.writeTimeoutMillis must be > 0");
            long readMillis = JdbcHistoryStore.QUERY_TIMEOUT_SECONDS * 1_000L;
            require(socketTimeoutMillis == 0
                            || socketTimeoutMillis > Math.max(writeTimeoutMillis, readMillis),
                    "store.socketTimeoutMillis must be 0 (none) or exceed both store.writeTimeoutMillis and the"
                            + " history reads' " + readMillis + " ms");
            return new StoreSettings(backend, url, user, password, poolSize, tradesRetentionMillis,
                    klinesRetentionMillis, queueCapacity, maxWaitMillis, batchSize, retryMillis, writers,
                    synchronousCommit, ingest, ingestLeaseMillis, bookLevels, bookIntervalMillis,
                    requiredForReady, writeTimeoutMillis, socketTimeoutMillis);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
