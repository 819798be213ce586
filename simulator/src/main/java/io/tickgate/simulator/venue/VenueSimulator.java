package io.tickgate.simulator.venue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.tickgate.model.venue.Venue;
import io.tickgate.simulator.instrument.Instrument;
import io.tickgate.simulator.market.MarketSimulator;
import io.tickgate.simulator.market.SimulatorConfig;
import io.tickgate.simulator.venue.fault.FaultInjector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Every registered {@link SimulatedVenue}, each on its own port with its own market engine:
 *
 * <pre>{@code
 * try (VenueSimulator vs = VenueSimulator.start(VenueSimulatorConfig.builder().port(Venue.BINANCE, 0)
 *         .seed(42).eventsPerSecond(5000).build())) {
 *     connect to ws://127.0.0.1:" + vs.port(Venue.BINANCE) + "/stream?streams=btcusdt@trade
 *     vs.faults().drop(1, DropMode.RST);
 * }
 * }</pre>
 */
public final class VenueSimulator implements AutoCloseable {

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Map<Venue, VenueServer> servers;
    private final Map<Venue, VenueSettings> settings;
    private final FaultInjector faults;

    private VenueSimulator(VenueSimulatorConfig config) throws Exception {
        boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("venue-sim-boss", true),
                NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(2, new DefaultThreadFactory("venue-sim-io", true),
                NioIoHandler.newFactory());
        Map<Venue, VenueServer> started = new LinkedHashMap<>();
        Map<Venue, VenueSettings> resolved = new LinkedHashMap<>();
        try {
            int index = 0;
            long epoch = config.marketClock().getAsLong();
            for (SimulatedVenue sv : SimulatedVenues.all()) {
                Venue venue = sv.venue();
                VenueSettings settings = config.settings(sv);
                resolved.put(venue, settings);
                VenueEndpoint endpoint = sv.endpoint(settings);
                MarketSimulator market = new MarketSimulator(engine(config, sv, index, epoch),
                        endpoint.sink());
                ServerControls controls = new ServerControls(venue.source(), config.seed() + index,
                        settings.connectAttempts(), settings.connectWindowMillis());
                endpoint.attach(market, controls);
                started.put(venue, new VenueServer(market, endpoint, controls, boss, workers, config.host(),
                        settings.port()));
                index++;
            }
        } catch (Exception e) {
            // bind() rethrows java.net.BindException undeclared, so catch everything and clean up
            started.values().forEach(VenueServer::close);
            shutdownGroups();
            throw e;
        }
        servers = started;
        settings = Collections.unmodifiableMap(resolved);
        List<ServerControls> controls = new ArrayList<>();
        servers.values().forEach(server -> controls.add(server.controls()));
        faults = new FaultInjector(controls);
    }

    /**
     * One venue's engine: its own seed (its own book and trades), the shared market seed and epoch (the same fair
     * values as every other venue's engine, so one instrument's prices move together across venues).
     */
    private static SimulatorConfig engine(VenueSimulatorConfig config, SimulatedVenue venue, long seedOffset,
                                          long epoch) {
        return SimulatorConfig.builder().seed(config.seed() + seedOffset).marketSeed(config.seed()).epochMillis(epoch)
                .venue(venue.venue(), venue.symbolFormat())
                .symbolsPerSource(config.symbolsPerSource()).eventsPerSecond(config.eventsPerSecond())
                .fixedHotSymbols(config.fixedHotSymbols()).clock(config.marketClock()).build();
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

    /** The bound port of a simulated venue. */
    public int port(Venue venue) {
        return server(venue).port();
    }

    /** A simulated venue's resolved settings (its plug-in's defaults with the configured values over them). */
    public VenueSettings settings(Venue venue) {
        server(venue);
        return settings.get(venue);
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

    /** Fault injection over every venue. */
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

    /**
     * Puts one of a venue's symbols into the hot or the calm activity regime, e.g. to shift the load between a
     * client's connections on purpose ({@link MarketSimulator#heat}).
     */
    public void heat(Venue venue, String symbol, boolean hot) {
        server(venue).market().heat(symbol, hot);
    }

    /** The instruments a venue lists (its engine's symbols). */
    public List<Instrument> symbols(Venue venue) {
        return server(venue).market().symbols();
    }

    /**
     * Readiness: null while every market engine runs, else which stopped (an engine failure ends its thread: the
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

    /** Closes every port, every connection and every engine. */
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
