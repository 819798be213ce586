package io.tickgate.simulator.venue;

import io.tickgate.model.venue.Venue;
import io.tickgate.simulator.instrument.SymbolFormat;
import java.util.Map;

/**
 * The plug-in point of a simulated venue: its endpoint (protocol server), its settings with their defaults and how it
 * spells a symbol. Implementations live in the venue's package ({@code io.tickgate.simulator.venue.<venue>}) and are
 * registered in {@code META-INF/services/io.tickgate.simulator.venue.SimulatedVenue}; {@link VenueSimulator} starts
 * every one, each on its own port with its own market engine. Nothing outside the venue's package names the venue, so
 * adding one touches only that package (and the feed's and the configuration's defaults).
 */
public interface SimulatedVenue {

    /** The venue. */
    Venue venue();

    /**
     * Every setting the venue understands, with its default, in a stable order: the common ones
     * ({@link VenueSettings#PORT}, {@link VenueSettings#CONNECT_ATTEMPTS}, {@link VenueSettings#CONNECT_WINDOW_MILLIS})
     * and the venue's own (timers, limits). A setting not listed here is refused with the list, so a typo is an error.
     */
    Map<String, Long> defaults();

    /** How the venue spells a pair ({@code BTCUSDT}, {@code BTC-USDT}). */
    SymbolFormat symbolFormat();

    /** A new endpoint serving the venue's protocols with the venue's resolved settings. */
    VenueEndpoint endpoint(VenueSettings settings);
}
