package io.tickgate.gateway.bootstrap;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.tickgate.gateway.GatewayConfig;
import io.tickgate.gateway.codec.ClientMessageDecoder;
import io.tickgate.gateway.codec.InflatedSizeLimit;
import io.tickgate.gateway.http.HttpRequestHandler;
import io.tickgate.gateway.http.OneRequestAtATime;
import io.tickgate.gateway.outbound.ConnectionOutbound;
import io.tickgate.gateway.outbound.OutboundHandler;
import io.tickgate.gateway.session.ControlFrameHandler;
import io.tickgate.gateway.session.FrameErrorHandler;
import io.tickgate.gateway.session.HeartbeatHandler;
import io.tickgate.gateway.session.ReservedBitsHandler;
import io.tickgate.gateway.session.SessionHandler;
import java.util.concurrent.TimeUnit;

/**
 * Assembles every client connection's pipeline, in this order (inbound top to bottom):
 *
 * <pre>
 *  admission         AdmissionHandler                counts the socket, global / per-IP limits, handshake timer
 *  tls               SslHandler                      when TLS is on (context reloaded when the files change)
 *  tls-errors        TlsErrorHandler                 failed handshake / not TLS: close, one DEBUG line
 *  http-codec        HttpServerCodec                 → after upgrade: wsdecoder/wsencoder (frames)
 *  http-aggregator   HttpObjectAggregator            (removed on upgrade)
 *  http-order        OneRequestAtATime               pipelined requests answered in order, one at a time
 *                                                    (removes itself on upgrade)
 *  admission-http    AdmissionHttpHandler            answers refused connections 429/503, X-Forwarded-For
 *  origin            OriginHandler                   Origin allow-list (403), CORS on /api/v1/*
 *  ops-access        OpsAccessHandler                /metrics, /api/v1/feeds, /admin: loopback or admin token
 *  ws-compression    WebSocketServerCompressionHandler  permessage-deflate, when enabled and offered; on upgrade
 *                                                    it adds the deflate decoder/encoder next to the frame codec
 *  idle              IdleStateHandler(reader idle = heartbeat interval)
 *  reserved-bits     ReservedBitsHandler             RSV bits no negotiated extension defines: close 1002
 *  heartbeat         HeartbeatHandler                sees every inbound frame (pongs too); ping / close 4002
 *  frame-errors      FrameErrorHandler               oversized/corrupt frame → event for the session (4009)
 *  control-frames    ControlFrameHandler             client ping/pong → the session (rate limit; pong via outbound)
 *  ws-protocol       WebSocketServerProtocolHandler  handshake on /ws, ping → pong, close frames
 *  ws-aggregator     WebSocketFrameAggregator        fragments → one message, limit maxFrameBytes
 *  inflated-limit    InflatedSizeLimit               with compression: an inflated message over maxFrameBytes → 4009
 *  http-routes       HttpRequestHandler              any other HTTP request
 *  client-decoder    ClientMessageDecoder            text frame → ClientMessage
 *  outbound          OutboundHandler                 writability → the connection's outbound; release on close
 *  session           SessionHandler                  auth, welcome, limits, hub commands, answers
 * </pre>
 *
 * Messages to the client are written by the session's {@link io.tickgate.gateway.outbound.ConnectionOutbound} as
 * shared buffers. To an uncompressed client each message goes as a raw {@code ByteBuf} holding the whole frame
 * (header written once by the serializer, {@link io.tickgate.gateway.codec.TextFrameHeader}), written from the frame
 * encoder's context so that it passes none of the handlers after it (TLS, before it, still sees every byte): every
 * subscriber's socket write uses the same bytes. A client with
 * permessage-deflate gets {@code TextWebSocketFrame}s, which the compression encoder (per connection) compresses.
 * The heartbeat handler sits before the protocol handler because that one swallows pongs; the frame-error handler
 * sits before it because it would close the socket on a decoder error before an answer could be sent; the
 * control-frame handler sits before it because it would answer every ping at once, outside every limit.
 * Admission comes first so that a refused socket costs no TLS handshake; the edge's HTTP handlers sit right after
 * the aggregator so that they see every request, the WebSocket upgrade included, before anything answers it.
 */
public final class GatewayInitializer extends ChannelInitializer<SocketChannel> {

    /** Largest plain HTTP request accepted. */
    public static final int MAX_HTTP_REQUEST_BYTES = 65_536;
    /** WebSocket endpoint path (query parameters such as {@code ?batch=1&token=..} are allowed). */
    public static final String WEBSOCKET_PATH = "/ws";

    private final GatewayConfig config;
    private final SessionHandler.Services services;
    private final HttpRequestHandler httpHandler;
    private final ClientMessageDecoder decoder = new ClientMessageDecoder();
    private final FrameErrorHandler frameErrors = new FrameErrorHandler();
    private final InflatedSizeLimit inflatedLimit;
    private final WebSocketServerProtocolConfig wsConfig;
    private final EdgeHandlers edge;

    public GatewayInitializer(GatewayConfig config, SessionHandler.Services services, HttpRequestHandler httpHandler,
                              EdgeHandlers edge) {
        this.config = config;
        this.edge = edge;
        this.services = services;
        this.httpHandler = httpHandler;
        this.inflatedLimit = new InflatedSizeLimit(config.maxFrameBytes());
        this.wsConfig = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(WEBSOCKET_PATH)
                .subprotocols(io.tickgate.gateway.auth.HandshakeToken.SUBPROTOCOL)
                .checkStartsWith(true)
                .handleCloseFrames(true)
                .sendCloseFrame(WebSocketCloseStatus.NORMAL_CLOSURE)
                .forceCloseTimeoutMillis(1_000)
                .dropPongFrames(true)
                .decoderConfig(WebSocketDecoderConfig.newBuilder()
                        .maxFramePayloadLength(config.maxFrameBytes())
                        .allowExtensions(config.compression())
                        .closeOnProtocolViolation(false)
                        .build())
                .build();
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ChannelPipeline p = ch.pipeline();
        p.addLast(HandlerNames.ADMISSION, edge.admission());
        if (edge.tls() != null) {
            p.addLast(HandlerNames.TLS, edge.tls().current().newHandler(ch.alloc()));
            p.addLast(HandlerNames.TLS_ERRORS, edge.tlsErrors());
        }
        p.addLast(HandlerNames.HTTP_CODEC, new HttpServerCodec());
        p.addLast(HandlerNames.HTTP_AGGREGATOR, new HttpObjectAggregator(MAX_HTTP_REQUEST_BYTES));
        p.addLast(HandlerNames.HTTP_ORDER, new OneRequestAtATime());
        p.addLast(HandlerNames.ADMISSION_HTTP, edge.admissionHttp());
        p.addLast(HandlerNames.ORIGIN, edge.origin());
        p.addLast(HandlerNames.OPS_ACCESS, edge.opsAccess());
        if (config.compression()) {
            p.addLast(HandlerNames.WS_COMPRESSION,
                    new WebSocketServerCompressionHandler(InflatedSizeLimit.inflaterCap(config.maxFrameBytes())));
        }
        p.addLast(HandlerNames.IDLE, new IdleStateHandler(config.heartbeatIntervalMillis(), 0, 0,
                TimeUnit.MILLISECONDS));
        p.addLast(HandlerNames.RESERVED_BITS, new ReservedBitsHandler()); // RSV bits left after extensions: 1002
        p.addLast(HandlerNames.HEARTBEAT, new HeartbeatHandler(config.heartbeatIntervalMillis(),
                config.pongTimeoutMillis(), services.metrics()));
        p.addLast(HandlerNames.FRAME_ERRORS, frameErrors);
        ConnectionOutbound outbound = new ConnectionOutbound(ch, services.outboundLimits(), services.metrics(),
                services.outboundBudget());
        SessionHandler session = new SessionHandler(services, outbound);
        p.addLast(HandlerNames.CONTROL_FRAMES, new ControlFrameHandler(session));
        p.addLast(HandlerNames.WS_PROTOCOL, new WebSocketServerProtocolHandler(wsConfig));
        p.addLast(HandlerNames.WS_AGGREGATOR, new WebSocketFrameAggregator(config.maxFrameBytes()));
        if (config.compression()) {
            p.addLast(HandlerNames.INFLATED_LIMIT, inflatedLimit);
        }
        p.addLast(HandlerNames.HTTP_ROUTES, httpHandler);
        p.addLast(HandlerNames.CLIENT_DECODER, decoder);
        p.addLast(HandlerNames.OUTBOUND, new OutboundHandler(outbound));
        p.addLast(HandlerNames.SESSION, session);
    }
}
