package io.tickgate.simulator.venue;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.tickgate.simulator.venue.fault.FaultAdminHandler;

/**
 * The pipeline of a venue server connection: HTTP codec, aggregator, then the {@link VenueHttpHandler}, which serves
 * REST and admin requests or upgrades to WebSocket and puts the venue's frame handler in its place.
 */
final class VenueServerInitializer extends ChannelInitializer<SocketChannel> {

    static final String HTTP_CODEC = "http-codec";
    static final String HTTP_AGGREGATOR = "http-aggregator";
    static final String HTTP_FRONT = "venue-http";

    private final VenueEndpoint endpoint;
    private final ServerControls controls;
    private final FaultAdminHandler admin;

    VenueServerInitializer(VenueEndpoint endpoint, ServerControls controls, FaultAdminHandler admin) {
        this.endpoint = endpoint;
        this.controls = controls;
        this.admin = admin;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline()
                .addLast(HTTP_CODEC, new HttpServerCodec())
                .addLast(HTTP_AGGREGATOR, new HttpObjectAggregator(VenueHttpHandler.MAX_FRAME_BYTES))
                .addLast(HTTP_FRONT, new VenueHttpHandler(endpoint, controls, admin));
    }
}
