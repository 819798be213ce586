package io.tickgate.simulator.venue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickgate.simulator.instrument.Instrument;
import io.tickgate.model.venue.Venue;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VenueSimulatorTest extends VenueTestSupport {

    @Test
    void startsBothVenuesOnTheirOwnPortsAndCloseReleasesThem() throws Exception {
        VenueSimulator vs = start(VenueSimulatorConfig.builder().binancePort(0).okxPort(0).seed(42)
                .eventsPerSecond(5000).connectionLifetimeMillis(24 * 3_600_000L).okxConnectLimit(100, 1000));
        int b = vs.binancePort();
        int o = vs.okxPort();
        assertThat(b).isPositive().isNotEqualTo(o);
        // every registered SimulatedVenue, in registration order, each on its own port
        assertThat(vs.venues()).containsExactly(Venue.BINANCE, Venue.OKX);
        assertThat(vs.port(Venue.BINANCE)).isEqualTo(b);
        assertThat(vs.port(Venue.OKX)).isEqualTo(o);
        assertThatThrownBy(() -> vs.port(Venue.of("bybit"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no venue bybit");
        assertThat(vs.symbols(Venue.BINANCE)).hasSize(60).extracting(Instrument::symbol).contains("BTCUSDT");
        assertThat(vs.symbols(Venue.OKX)).hasSize(60).extracting(Instrument::symbol).contains("BTC-USDT");
        var c = binance("/ws/btcusdt@trade");
        c.next(10_000);
        var k = okx("/ws/v5/public");
        assertThat(k.handshakeStatus()).isEqualTo(101);
        assertThat(vs.faults().connectionCount()).isEqualTo(2);
        vs.close();
        sim = null;
        c.disconnected.get(5, TimeUnit.SECONDS);
        k.disconnected.get(5, TimeUnit.SECONDS);
        for (int port : new int[] {b, o}) {
            assertThatThrownBy(() -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                }
            }).isInstanceOf(IOException.class);
        }
    }

    @Test
    void invalidConfigurationIsRejectedClearly() {
        assertThatThrownBy(() -> VenueSimulatorConfig.builder().binancePort(70_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port");
        assertThatThrownBy(() -> VenueSimulatorConfig.builder().symbolsPerSource(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("symbolsPerSource");
        assertThatThrownBy(() -> VenueSimulatorConfig.builder().pingIntervalMillis(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pingIntervalMillis");
        assertThatThrownBy(() -> VenueSimulatorConfig.builder().eventsPerSecond(-5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTakenPortFailsStartWithAClearError() throws Exception {
        start(config());
        int taken = sim.binancePort();
        assertThatThrownBy(() -> VenueSimulator.start(config().binancePort(taken).build()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot start");
    }
}
