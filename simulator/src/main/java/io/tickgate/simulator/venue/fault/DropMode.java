package io.tickgate.simulator.venue.fault;

/** How a dropped connection ends. */
public enum DropMode {
    /** TCP reset (SO_LINGER 0), no WebSocket close frame: what a crashed peer or a middlebox looks like. */
    RST,
    /** A WebSocket close frame (1001 going away), then TCP close. */
    CLOSE
}
