package io.tickgate.simulator.venue;

import java.util.ServiceLoader;

import java.util.Collections;

import java.util.Set;

import java.util.ArrayList;

import java.util.LinkedHashMap;

import java.util.Map;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.tickgate.simulator.instrument.Instrument;
import io.tickgate.model.venue.Venue;
import io.tickgate.simulator.market.MarketSimulator;
import io.tickgate.simulator.market.SimulatorConfig;
import io.tickgate.simulator.venue.fault.FaultInjector;
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
    private final Map<Venue, VenueServer> servers;
    private final FaultInjector faults;

    private VenueSimulator(VenueSimulatorConfig config) throws Exception {
        boss = new NioEventLoopGroup(1, new DefaultThreadFactory("venue-sim-boss", true));
        workers = new NioEventLoopGroup(2, new DefaultThreadFactory("venue-sim-io", true));
        Map<Venue, VenueServer> started = new LinkedHashMap<>();
        try {
            int index = 0;
            for (SimulatedVenue sv : ServiceLoader.load(SimulatedVenue.class, VenueSimulator.class.getClassLoader())) {
                Venue venue = sv.venue();
                VenueEndpoint endpoint = sv.endpoint(config);
                MarketSimulator market = new MarketSimulator(engine(config, venue, index), endpoint.sink());
                ServerControls controls = new ServerControls(venue.source(), config.seed() + index,
                        sv.connectAttempts(config), sv.connectWindowMillis(config));
                endpoint.attach(market, controls);
                if (started.put(venue, new VenueServer(market, endpoint, controls, boss, workers, config.host(),
                        sv.port(config))) != null) {
                    throw new IllegalStateException("two simulated venues named " + venue);
                }
                index++;
            }
        } catch (Exception e) {
            // bind() rethrows java.net.BindException undeclared, so catch everything and clean up
            started.values().forEach(VenueServer::close);
            shutdownGroups();
            throw e;
        }
        servers = started;
        List<ServerControls> controls = new ArrayList<>();
        servers.values().forEach(server -> controls.add(server.controls()));
        faults = new FaultInjector(controls);
    }

    private static SimulatorConfig engine(VenueSimulatorConfig config, Venue venue, long seedOffset) {
        return SimulatorConfig.builder().seed(config.seed() + seedOffset).venues(venue)
                .symbolsPerSource(config.symbolsPerSource()).eventsPerSecond(config.eventsPerSecond())
                .clock(config.marketClock()).build();
    }

    /**
     * Binds every simulated venue's port and starts its engine.
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
        return port(Venue.BINANCE);
    }

    /** The bound OKX port. */
    public int okxPort() {
        return port(Venue.OKX);
    }

    /** The bound port of a simulated venue. */
    public int port(Venue venue) {
        return server(venue).port();
    }

    /** The simulated venues. */
    public Set<Venue> venues() {
        return Collections.unmodifiableSet(servers.keySet());
    }

    private VenueServer server(Venue venue) {
        VenueServer server = servers.get(venue);
        if (server == null) {
            throw new IllegalArgumentException("the simulator has no venue " + venue);
        }
        return server;
    }

    /** Fault injection over both venues. */
    public FaultInjector faults() {
        return faults;
    }

    /** Fault injection on one venue. */
    public FaultInjector faults(Venue venue) {
        return server(venue).faults();
    }

    /** The server-side counters and controls of one venue (connection attempts, incoming message rates). */
    public ServerControls controls(Venue venue) {
        return server(venue).controls();
    }

    /** The instruments a venue lists (its engine's symbols). */
    public List<Instrument> symbols(Venue venue) {
        return server(venue).market().symbols();
    }

    /**
     * Readiness: null while both market engines run, else which stopped (an engine failure ends its thread: the
     * venue's sockets stay up but carry no data).
     */
    public String problem() {
        for (Venue v : servers.keySet()) {
            if (!market(v).isRunning()) {
                return v.source() + " market simulator thread stopped";
            }
        }
        return null;
    }

    /** One venue's market engine. */
    MarketSimulator market(Venue venue) {
        return server(venue).market();
    }

    /** Closes both ports, every connection and both engines. */
    @Override
    public void close() {
        servers.values().forEach(VenueServer::close);
        shutdownGroups();
    }

    private void shutdownGroups() {
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
}
