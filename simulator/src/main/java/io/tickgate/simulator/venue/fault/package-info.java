/**
 * Fault injection for the venue simulators: {@link io.tickgate.simulator.venue.fault.FaultInjector} (the Java API:
 * drop, stall, skip sequence numbers, malformed frames, refuse or rate-limit new connections, slow connections down,
 * reset sequences) and {@link io.tickgate.simulator.venue.fault.FaultAdminHandler} ({@code POST /admin/fault} with a
 * JSON body, on every venue port). Which connections a fault hits is chosen deterministically from the seed.
 */
package io.tickgate.simulator.venue.fault;
