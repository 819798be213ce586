/** The registry/presence contract, run against every engine (in-process, Redis standalone, Redis Cluster). */
package io.tickgate.bus.presence;
