/** Collector shards across nodes: several nodes in one JVM on a test-owned Redis with the venue simulator. */
package io.tickgate.app.shards;
