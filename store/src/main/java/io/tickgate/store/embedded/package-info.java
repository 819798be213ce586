/**
 * The embedded backend: one SQLite file in this process, no server to run ({@link
 * io.tickgate.store.embedded.SqliteStore}); chosen over DuckDB and H2 by measurement (docs/architecture.md).
 */
package io.tickgate.store.embedded;
