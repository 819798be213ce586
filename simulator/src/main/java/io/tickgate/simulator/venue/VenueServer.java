package io.tickgate.simulator.venue;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.tickgate.simulator.market.MarketSimulator;
import io.tickgate.simulator.venue.fault.FaultAdminHandler;
import io.tickgate.simulator.venue.fault.FaultInjector;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * One listening venue server: a market engine, the venue's endpoint (protocol) on top of it, its fault controls and
 * the bound server channel. Closing it closes the port, every connection and the engine.
 */
final class VenueServer implements AutoCloseable {

    private final MarketSimulator market;
    private final ServerControls controls;
    private final FaultInjector faults;
    private final Channel serverChannel;

    VenueServer(MarketSimulator market, VenueEndpoint endpoint, ServerControls controls, EventLoopGroup boss,
                EventLoopGroup workers, String host, int port) throws InterruptedException {
        // bind failures (java.net.BindException) surface from sync(); the caller cleans up
        this.market = market;
        this.controls = controls;
        this.faults = new FaultInjector(List.of(controls));
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(1 << 20, 4 << 20))
                .childHandler(new VenueServerInitializer(endpoint, controls, new FaultAdminHandler(faults)));
        this.serverChannel = b.bind(host, port).sync().channel();
        market.start();
    }

    int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    ServerControls controls() {
        return controls;
    }

    FaultInjector faults() {
        return faults;
    }

    MarketSimulator market() {
        return market;
    }

    @Override
    public void close() {
        serverChannel.close().awaitUninterruptibly();
        for (VenueConnection c : controls.connections()) {
            c.channel().close();
        }
        market.close();
    }
}
