/**
 * The broker contract suite ({@link io.tickgate.bus.contract.BrokerContractTest}) and its runs against every engine:
 * in-process, a standalone Redis and a Redis Cluster of 3 masters (test-owned servers).
 */
package io.tickgate.bus.contract;
