/**
 * The PostgreSQL backend: batches go in with {@code COPY} into a session-local staging table and then
 * {@code INSERT .. ON CONFLICT DO NOTHING} into time-partitioned tables ({@link io.tickgate.store.postgres.PostgresStore},
 * {@link io.tickgate.store.postgres.CopyText}); partitions are created as rows arrive and dropped by retention
 * ({@link io.tickgate.store.postgres.Partitions}).
 */
package io.tickgate.store.postgres;
