package io.tickgate.simulator.venue;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.simulator.market.MarketSimulator;
import java.util.function.Consumer;

/** What a venue protocol plugs into the shared HTTP front ({@link VenueHttpHandler}). */
public interface VenueEndpoint {

    /** Where the venue's market engine hands its events (rendered into the venue's frames for its subscribers). */
    Consumer<MarketEvent> sink();

    /** Wires the endpoint to its market engine and server controls, before the server starts accepting. */
    void attach(MarketSimulator market, ServerControls controls);

    /** Handles a plain HTTP request (REST); returns false if the path is not the venue's. */
    boolean handleHttp(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri);

    /** Checks a WebSocket upgrade before the handshake: an error response to send, or null to accept. */
    FullHttpResponse checkUpgrade(QueryStringDecoder uri);

    /** True if the connection wraps events ({@code /stream} on Binance). */
    boolean combined(QueryStringDecoder uri);

    /** The frame handler for a new connection; installed before the handshake response is written. */
    ChannelHandler open(VenueConnection connection, QueryStringDecoder uri);

    /** Called on the connection's event loop once the handshake response was written: start timers, streams. */
    void handshakeComplete(VenueConnection connection, QueryStringDecoder uri);
}
