package io.tickgate.simulator.venue;

import io.tickgate.model.venue.Venue;

/**
 * The plug-in point of a simulated venue: its endpoint (protocol server) and its server settings. Implementations
 * live in the venue's package ({@code io.tickgate.simulator.venue.<venue>}) and are registered in
 * {@code META-INF/services/io.tickgate.simulator.venue.SimulatedVenue}; {@link VenueSimulator} starts every one, each
 * on its own port with its own market engine.
 */
public interface SimulatedVenue {

    /** The venue. */
    Venue venue();

    /** A new endpoint serving the venue's protocols. */
    VenueEndpoint endpoint(VenueSimulatorConfig config);

    /** Port to bind (0: a free one). */
    int port(VenueSimulatorConfig config);

    /** Connection attempts per window before the venue refuses (HTTP 429). */
    int connectAttempts(VenueSimulatorConfig config);

    /** The connection-attempt window. */
    long connectWindowMillis(VenueSimulatorConfig config);
}
