package io.tickgate.simulator.venue.binance;

import io.tickgate.model.venue.Venue;
import io.tickgate.simulator.instrument.SymbolFormat;
import io.tickgate.simulator.venue.SimulatedVenue;
import io.tickgate.simulator.venue.VenueEndpoint;
import io.tickgate.simulator.venue.VenueSettings;
import java.util.Map;

/**
 * The simulated Binance: combined and raw streams, REST depth, on {@code simulator.venues.binance.port}; symbols
 * written together ({@code BTCUSDT}).
 */
public final class BinanceSimulatedVenue implements SimulatedVenue {

    @Override
    public Venue venue() {
        return Venue.BINANCE;
    }

    @Override
    public Map<String, Long> defaults() {
        return BinanceSettings.DEFAULTS;
    }

    @Override
    public SymbolFormat symbolFormat() {
        return SymbolFormat.CONCATENATED;
    }

    @Override
    public VenueEndpoint endpoint(VenueSettings settings) {
        return new BinanceEndpoint(BinanceSettings.of(settings), settings.count(VenueSettings.TRADE_HISTORY_SIZE));
    }
}
