package io.tickgate.simulator.venue.okx;

import io.tickgate.model.venue.Venue;
import io.tickgate.simulator.instrument.SymbolFormat;
import io.tickgate.simulator.venue.SimulatedVenue;
import io.tickgate.simulator.venue.VenueEndpoint;
import io.tickgate.simulator.venue.VenueSettings;
import java.util.Map;

/**
 * The simulated OKX: /ws/v5/public and /ws/v5/business, on {@code simulator.venues.okx.port}; instrument ids with a
 * dash ({@code BTC-USDT}).
 */
public final class OkxSimulatedVenue implements SimulatedVenue {

    private static final SymbolFormat INST_ID = SymbolFormat.separated("-");

    @Override
    public Venue venue() {
        return Venue.OKX;
    }

    @Override
    public Map<String, Long> defaults() {
        return OkxSettings.DEFAULTS;
    }

    @Override
    public SymbolFormat symbolFormat() {
        return INST_ID;
    }

    @Override
    public VenueEndpoint endpoint(VenueSettings settings) {
        return new OkxEndpoint(OkxSettings.of(settings), settings.count(VenueSettings.TRADE_HISTORY_SIZE));
    }
}
