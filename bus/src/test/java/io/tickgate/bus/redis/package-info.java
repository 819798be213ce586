/** Redis engine tests beside the contract suite (start-up without Redis, URLs) and a throughput probe. */
package io.tickgate.bus.redis;
