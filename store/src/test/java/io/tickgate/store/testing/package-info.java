/**
 * PostgreSQL for tests: a fresh database on the machine's server ({@link io.tickgate.store.testing.TestDatabase}) and
 * a test-owned server that a test can stop and start ({@link io.tickgate.store.testing.PostgresProcess}).
 */
package io.tickgate.store.testing;
