/** The lease and fencing contract, run on every engine (in-process, Redis standalone, Redis Cluster). */
package io.tickgate.bus.lease;
