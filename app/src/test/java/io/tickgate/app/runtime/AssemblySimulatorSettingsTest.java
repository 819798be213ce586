package io.tickgate.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickgate.app.config.ConfigLoader;
import io.tickgate.app.config.TickgateConfig;
import io.tickgate.model.venue.Venue;
import io.tickgate.simulator.venue.SimulatedVenues;
import io.tickgate.simulator.venue.VenueSettings;
import io.tickgate.simulator.venue.VenueSimulator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A simulated venue's settings reach its plug-in from the configuration by the names the plug-in declares
 * ({@code simulator.venues.<venue>.<setting>}), unset ones keep the plug-in's defaults, and a setting the defaults file
 * does not list does not override {@code simulator.tradeHistorySize}.
 */
class AssemblySimulatorSettingsTest {

    @Test
    @Timeout(60)
    void configuredSettingsReachTheSimulatedVenuesAndTheRestKeepTheirDefaults() {
        TickgateConfig c = new ConfigLoader().load(null,
                Map.of("TICKGATE_SIMULATOR_VENUES_BINANCE_PING_INTERVAL_MILLIS", "15000"),
                List.of("simulator.symbolsPerSource=2", "simulator.eventsPerSecond=20",
                        "simulator.tradeHistorySize=500", "simulator.venues.okx.subscribeRequestsPerHour=7"));
        Assembly a = new Assembly(c);
        try {
            VenueSimulator sim = a.startVenueSimulator(true);
            VenueSettings okx = sim.settings(Venue.OKX);
            VenueSettings binance = sim.settings(Venue.BINANCE);
            assertThat(okx.get("subscribeRequestsPerHour")).isEqualTo(7);
            assertThat(binance.get("pingIntervalMillis")).isEqualTo(15_000);
            assertThat(okx.get(VenueSettings.TRADE_HISTORY_SIZE)).isEqualTo(500);
            assertThat(binance.get(VenueSettings.TRADE_HISTORY_SIZE)).isEqualTo(500);
            assertThat(okx.get("idleTimeoutMillis"))
                    .isEqualTo(SimulatedVenues.of(Venue.OKX).defaults().get("idleTimeoutMillis"));
            assertThat(binance.get("connectionLifetimeMillis")).as("from tickgate-defaults.yaml")
                    .isEqualTo(86_400_000L);
            assertThat(okx.port()).as("the demo asks for free ports").isZero();
        } finally {
            a.components().close();
        }
    }
}
