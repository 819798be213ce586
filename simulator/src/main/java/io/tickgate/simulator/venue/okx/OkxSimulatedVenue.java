package io.tickgate.simulator.venue.okx;

import io.tickgate.model.venue.Venue;
import io.tickgate.simulator.venue.SimulatedVenue;
import io.tickgate.simulator.venue.VenueEndpoint;
import io.tickgate.simulator.venue.VenueSimulatorConfig;

/** The simulated OKX: /ws/v5/public and /ws/v5/business, on {@code simulator.okxPort}. */
public final class OkxSimulatedVenue implements SimulatedVenue {

    @Override
    public Venue venue() {
        return Venue.OKX;
    }

    @Override
    public VenueEndpoint endpoint(VenueSimulatorConfig config) {
        return new OkxEndpoint(config);
    }

    @Override
    public int port(VenueSimulatorConfig config) {
        return config.okxPort();
    }

    @Override
    public int connectAttempts(VenueSimulatorConfig config) {
        return config.okxConnectAttempts();
    }

    @Override
    public long connectWindowMillis(VenueSimulatorConfig config) {
        return config.okxConnectWindowMillis();
    }
}
