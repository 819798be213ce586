package io.tickgate.simulator.venue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.tickgate.simulator.instrument.Instrument;
import io.tickgate.simulator.instrument.Venue;
import io.tickgate.simulator.market.MarketSimulator;
import io.tickgate.simulator.market.SimulatorConfig;
import io.tickgate.simulator.venue.binance.BinanceEndpoint;
import io.tickgate.simulator.venue.fault.FaultInjector;
import io.tickgate.simulator.venue.okx.OkxEndpoint;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A simulated Binance and OKX, each on its own port with its own market engine:
 *
 * <pre>{@code
 * try (VenueSimulator vs = VenueSimulator.start(VenueSimulatorConfig.builder().binancePort(0).okxPort(0)
 *         .seed(42).eventsPerSecond(5000).build())) {
 *     connect to ws://127.0.0.1:" + vs.binancePort() + "/stream?streams=btcusdt@trade
 *     vs.faults().drop(1, DropMode.RST);
 * }
 * }</pre>
 */
public final class VenueSimulator implements AutoCloseable {

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final VenueServer binance;
    private final VenueServer okx;
    private final FaultInjector faults;

    private VenueSimulator(VenueSimulatorConfig config) throws Exception {
        boss = new NioEventLoopGroup(1, new DefaultThreadFactory("venue-sim-boss", true));
        workers = new NioEventLoopGroup(2, new DefaultThreadFactory("venue-sim-io", true));
        VenueServer b = null;
        VenueServer o = null;
        try {
            BinanceEndpoint be = new BinanceEndpoint(config);
            MarketSimulator bm = new MarketSimulator(engine(config, Venue.BINANCE, 0), be.sink());
            ServerControls bc = new ServerControls(Venue.BINANCE.source(), config.seed(),
                    config.binanceConnectAttempts(), config.binanceConnectWindowMillis());
            be.attach(bm, bc);
            b = new VenueServer(bm, be, bc, boss, workers, config.host(), config.binancePort());
            OkxEndpoint oe = new OkxEndpoint(config);
            MarketSimulator om = new MarketSimulator(engine(config, Venue.OKX, 1), oe.sink());
            ServerControls oc = new ServerControls(Venue.OKX.source(), config.seed() + 1,
                    config.okxConnectAttempts(), config.okxConnectWindowMillis());
            oe.attach(om, oc);
            o = new VenueServer(om, oe, oc, boss, workers, config.host(), config.okxPort());
        } catch (Exception e) {
            // bind() rethrows java.net.BindException undeclared, so catch everything and clean up
            if (b != null) {
                b.close();
            }
            if (o != null) {
                o.close();
            }
            shutdownGroups();
            throw e;
        }
        binance = b;
        okx = o;
        faults = new FaultInjector(List.of(binance.controls(), okx.controls()));
    }

    private static SimulatorConfig engine(VenueSimulatorConfig config, Venue venue, long seedOffset) {
        return SimulatorConfig.builder().seed(config.seed() + seedOffset).venues(venue)
                .symbolsPerSource(config.symbolsPerSource()).eventsPerSecond(config.eventsPerSecond()).build();
    }

    /**
     * Binds both ports and starts both engines.
     *
     * @throws IllegalStateException if a port cannot be bound
     */
    public static VenueSimulator start(VenueSimulatorConfig config) {
        try {
            return new VenueSimulator(config);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the venue simulator: " + e, e);
        }
    }

    /** The bound Binance port. */
    public int binancePort() {
        return binance.port();
    }

    /** The bound OKX port. */
    public int okxPort() {
        return okx.port();
    }

    /** Fault injection over both venues. */
    public FaultInjector faults() {
        return faults;
    }

    /** Fault injection on one venue. */
    public FaultInjector faults(Venue venue) {
        return venue == Venue.BINANCE ? binance.faults() : okx.faults();
    }

    /** The server-side counters and controls of one venue (connection attempts, incoming message rates). */
    public ServerControls controls(Venue venue) {
        return venue == Venue.BINANCE ? binance.controls() : okx.controls();
    }

    /** The instruments a venue lists (its engine's symbols). */
    public List<Instrument> symbols(Venue venue) {
        return (venue == Venue.BINANCE ? binance : okx).market().symbols();
    }

    /**
     * Readiness: null while both market engines run, else which stopped (an engine failure ends its thread: the
     * venue's sockets stay up but carry no data).
     */
    public String problem() {
        for (Venue v : new Venue[] {Venue.BINANCE, Venue.OKX}) {
            if (!market(v).isRunning()) {
                return v.source() + " market simulator thread stopped";
            }
        }
        return null;
    }

    /** One venue's market engine. */
    MarketSimulator market(Venue venue) {
        return (venue == Venue.BINANCE ? binance : okx).market();
    }

    /** Closes both ports, every connection and both engines. */
    @Override
    public void close() {
        binance.close();
        okx.close();
        shutdownGroups();
    }

    private void shutdownGroups() {
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
}
