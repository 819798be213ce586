package io.tickgate.simulator.venue;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.tickgate.simulator.venue.fault.FaultAdminHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP front of a venue server: {@code POST /admin/fault}, the venue's REST paths, and WebSocket upgrades, which
 * pass the fault gates (refuse → 503) and the connection-attempt limit (429 with {@code Retry-After}) first. After
 * the handshake this handler replaces itself with the venue's frame handler.
 */
public final class VenueHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(VenueHttpHandler.class);
    static final int MAX_FRAME_BYTES = 65_536;
    /** Pipeline name of the venue frame handler after the upgrade. */
    public static final String FRAMES = "venue-frames";

    private final VenueEndpoint endpoint;
    private final ServerControls controls;
    private final FaultAdminHandler admin;

    public VenueHttpHandler(VenueEndpoint endpoint, ServerControls controls, FaultAdminHandler admin) {
        this.endpoint = endpoint;
        this.controls = controls;
        this.admin = admin;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        QueryStringDecoder uri = new QueryStringDecoder(req.uri());
        if (uri.path().equals(FaultAdminHandler.PATH)) {
            admin.handle(ctx, req);
            return;
        }
        if (!"websocket".equalsIgnoreCase(req.headers().get(HttpHeaderNames.UPGRADE))) {
            if (!endpoint.handleHttp(ctx, req, uri)) {
                HttpResponses.sendAndClose(ctx, HttpResponses.json(HttpResponseStatus.NOT_FOUND,
                        "{\"code\":-1,\"msg\":\"Not found: " + uri.path().replace("\"", "") + "\"}"));
            }
            return;
        }
        long now = System.currentTimeMillis();
        if (controls.refusing(now)) {
            controls.recordUpgrade(now, 503, 0);
            HttpResponses.sendAndClose(ctx, HttpResponses.json(HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "{\"code\":-1,\"msg\":\"Service unavailable.\"}"));
            return;
        }
        long retryAfter = controls.tryConnectAttempt(now);
        if (retryAfter > 0) {
            FullHttpResponse r = HttpResponses.json(HttpResponseStatus.TOO_MANY_REQUESTS,
                    "{\"code\":-1003,\"msg\":\"Too many connection attempts.\"}");
            r.headers().set(HttpHeaderNames.RETRY_AFTER, retryAfter);
            controls.recordUpgrade(now, 429, retryAfter);
            HttpResponses.sendAndClose(ctx, r);
            return;
        }
        FullHttpResponse rejection = endpoint.checkUpgrade(uri);
        if (rejection != null) {
            controls.recordUpgrade(now, rejection.status().code(), 0);
            HttpResponses.sendAndClose(ctx, rejection);
            return;
        }
        String url = "ws://" + req.headers().get(HttpHeaderNames.HOST, "localhost") + req.uri();
        WebSocketServerHandshaker handshaker =
                new WebSocketServerHandshakerFactory(url, null, true, MAX_FRAME_BYTES).newHandshaker(req);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            return;
        }
        controls.recordUpgrade(now, 101, 0);
        long id = controls.nextConnectionId();
        String connId = String.format("%08x", (controls.seed() * 31 + id) * 0x9E3779B97F4A7C15L >>> 32);
        VenueConnection connection = new VenueConnection(id, connId, ctx.channel(), endpoint.combined(uri), now);
        ChannelHandler frames = endpoint.open(connection, uri);
        ctx.pipeline().replace(this, FRAMES, frames);
        // registered before the 101 is written, so a client that sees the upgrade is already known to faults;
        // writes from other threads queue behind the handshake response on this event loop
        controls.register(connection);
        ctx.channel().closeFuture().addListener(c -> controls.unregister(connection));
        handshaker.handshake(ctx.channel(), req).addListener(f -> {
            if (f.isSuccess()) {
                endpoint.handshakeComplete(connection, uri);
            } else {
                LOG.debug("handshake failed", f.cause());
                ctx.close();
            }
        });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("http front failed", cause);
        ctx.close();
    }
}
