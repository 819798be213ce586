package io.tickgate.simulator.venue.binance;

import io.tickgate.model.venue.Venue;
import io.tickgate.simulator.venue.SimulatedVenue;
import io.tickgate.simulator.venue.VenueEndpoint;
import io.tickgate.simulator.venue.VenueSimulatorConfig;

/** The simulated Binance: combined and raw streams, REST depth, on {@code simulator.binancePort}. */
public final class BinanceSimulatedVenue implements SimulatedVenue {

    @Override
    public Venue venue() {
        return Venue.BINANCE;
    }

    @Override
    public VenueEndpoint endpoint(VenueSimulatorConfig config) {
        return new BinanceEndpoint(config);
    }

    @Override
    public int port(VenueSimulatorConfig config) {
        return config.binancePort();
    }

    @Override
    public int connectAttempts(VenueSimulatorConfig config) {
        return config.binanceConnectAttempts();
    }

    @Override
    public long connectWindowMillis(VenueSimulatorConfig config) {
        return config.binanceConnectWindowMillis();
    }
}
