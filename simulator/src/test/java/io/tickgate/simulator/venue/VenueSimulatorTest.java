package io.tickgate.simulator.venue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickgate.model.event.BookSnapshot;
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
        VenueSimulator vs = start(VenueSimulatorConfig.builder().port(Venue.BINANCE, 0).port(Venue.OKX, 0).seed(42)
                .eventsPerSecond(5000).venue(Venue.BINANCE, "connectionLifetimeMillis", 24 * 3_600_000L)
                .venue(Venue.OKX, "connectAttempts", 100).venue(Venue.OKX, "connectWindowMillis", 1000));
        int b = vs.port(Venue.BINANCE);
        int o = vs.port(Venue.OKX);
        assertThat(b).isPositive().isNotEqualTo(o);
        // every registered SimulatedVenue, in registration order, each on its own port
        assertThat(vs.venues()).contains(Venue.BINANCE, Venue.OKX);
        assertThat(vs.port(Venue.BINANCE)).isEqualTo(b);
        assertThat(vs.port(Venue.OKX)).isEqualTo(o);
        assertThatThrownBy(() -> vs.port(Venue.of("nosuchvenue"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no venue nosuchvenue");
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
        assertThatThrownBy(() -> VenueSimulatorConfig.builder().port(Venue.BINANCE, 70_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port");
        assertThatThrownBy(() -> VenueSimulatorConfig.builder().symbolsPerSource(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("symbolsPerSource");
        assertThatThrownBy(() -> VenueSimulatorConfig.builder().venue(Venue.BINANCE, "pingIntervalMillis", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("simulator.venues.binance.pingIntervalMillis must be positive");
        assertThatThrownBy(() -> VenueSimulatorConfig.builder().venue(Venue.OKX, "pingIntervalMillis", 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("simulator.venues.okx.pingIntervalMillis: the simulated okx has no such setting")
                .hasMessageContaining("port, connectAttempts, connectWindowMillis, tradeHistorySize, idleTimeoutMillis");
        assertThatThrownBy(() -> VenueSimulatorConfig.builder().port(Venue.of("nosuchvenue"), 9000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no simulated venue \"nosuchvenue\" (simulated: binance, okx");
        assertThatThrownBy(() -> VenueSimulatorConfig.builder().eventsPerSecond(-5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theVenuesQuoteOneInstrumentAtNearlyOnePriceAsTheirMarketsRun() throws Exception {
        long start = System.currentTimeMillis();
        // the venues' clock runs 100 times fast: 3 s here are 5 minutes of market, far enough for two independent
        // walks to drift apart by more than a few basis points
        start(config().marketClock(() -> start + (System.currentTimeMillis() - start) * 100));
        for (int i = 0; i < 5; i++) {
            Thread.sleep(600);
            double binance = mid(sim.market(Venue.BINANCE).book("binance", "BTCUSDT").get(5, TimeUnit.SECONDS));
            double okx = mid(sim.market(Venue.OKX).book("okx", "BTC-USDT").get(5, TimeUnit.SECONDS));
            assertThat(Math.abs(binance - okx) / binance).as("BTC on the two venues: " + binance + " / " + okx)
                    .isLessThan(8e-4);
        }
    }

    private static double mid(BookSnapshot book) {
        return (book.bids().get(0).price().toBigDecimal().doubleValue()
                + book.asks().get(0).price().toBigDecimal().doubleValue()) / 2;
    }

    @Test
    void aTakenPortFailsStartWithAClearError() throws Exception {
        start(config());
        int taken = sim.port(Venue.BINANCE);
        assertThatThrownBy(() -> VenueSimulator.start(config().port(Venue.BINANCE, taken).build()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot start");
    }
}
