package io.tickgate.gateway.origin;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.tickgate.gateway.metrics.EdgeMetrics;
import java.nio.charset.StandardCharsets;

/**
 * Origin checks on the HTTP side of a connection (before the WebSocket handshake handler):
 * <ul>
 *   <li>a WebSocket upgrade whose {@code Origin} the {@link OriginPolicy} refuses gets 403 and is closed (metric
 *       reason {@code origin});</li>
 *   <li>{@code /api/v1/*}: a CORS preflight ({@code OPTIONS} with {@code Access-Control-Request-Method}) from an
 *       allowed origin gets 204 with the CORS headers, from any other origin 403 (reason {@code cors}); a request
 *       from an allowed cross origin gets {@code Access-Control-Allow-Origin} on its response.</li>
 * </ul>
 */
@ChannelHandler.Sharable
public final class OriginHandler extends ChannelDuplexHandler {

    /** Prefix of the paths that get CORS headers. */
    public static final String API_PREFIX = "/api/v1/";
    /** How long a browser may cache a preflight answer, in seconds. */
    public static final int PREFLIGHT_MAX_AGE_SECONDS = 600;

    private static final AttributeKey<String> CORS_ORIGIN = AttributeKey.valueOf("tickgate.corsOrigin");

    private final OriginPolicy policy;
    private final String websocketPath;
    private final EdgeMetrics metrics;

    public OriginHandler(OriginPolicy policy, String websocketPath, EdgeMetrics metrics) {
        this.policy = policy;
        this.websocketPath = websocketPath;
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HttpRequest req)) {
            ctx.fireChannelRead(msg);
            return;
        }
        String origin = req.headers().get(HttpHeaderNames.ORIGIN);
        String path = new QueryStringDecoder(req.uri()).path();
        if (isUpgrade(req.headers()) && path.startsWith(websocketPath)) {
            if (!policy.allowsHandshake(origin, req.headers().get(HttpHeaderNames.HOST))) {
                metrics.refused("origin");
                ReferenceCountUtil.release(msg);
                answer(ctx, HttpResponseStatus.FORBIDDEN, null, true);
                return;
            }
        } else if (path.startsWith(API_PREFIX) && origin != null) {
            boolean allowed = policy.allowsCrossOrigin(origin);
            if (HttpMethod.OPTIONS.equals(req.method())
                    && req.headers().contains(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD)) {
                boolean keepAlive = HttpUtil.isKeepAlive(req);
                ReferenceCountUtil.release(msg);
                if (!allowed) {
                    metrics.refused("cors");
                }
                answer(ctx, allowed ? HttpResponseStatus.NO_CONTENT : HttpResponseStatus.FORBIDDEN,
                        allowed ? origin : null, !keepAlive);
                return;
            }
            if (allowed) {
                ctx.channel().attr(CORS_ORIGIN).set(origin);
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse res) {
            String origin = ctx.channel().attr(CORS_ORIGIN).getAndSet(null);
            if (origin != null) {
                res.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
                res.headers().add(HttpHeaderNames.VARY, HttpHeaderNames.ORIGIN);
            }
        }
        ctx.write(msg, promise);
    }

    private static boolean isUpgrade(HttpHeaders h) {
        return h.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)
                && HttpHeaderValues.WEBSOCKET.contentEqualsIgnoreCase(h.get(HttpHeaderNames.UPGRADE, ""));
    }

    private static void answer(ChannelHandlerContext ctx, HttpResponseStatus status, String corsOrigin,
                               boolean close) {
        byte[] body = status.code() == 204 ? new byte[0]
                : "{\"error\":\"origin not allowed\"}".getBytes(StandardCharsets.UTF_8);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(body));
        if (body.length > 0) {
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
        }
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        if (corsOrigin != null) {
            res.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, corsOrigin);
            res.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET, OPTIONS");
            res.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, "Authorization, Content-Type, Accept");
            res.headers().setInt(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, PREFLIGHT_MAX_AGE_SECONDS);
            res.headers().add(HttpHeaderNames.VARY, HttpHeaderNames.ORIGIN);
        }
        if (close) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.writeAndFlush(res);
        }
    }
}
