package io.tickgate.gateway.ops;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import io.tickgate.gateway.admission.ClientAddress;
import io.tickgate.gateway.metrics.EdgeMetrics;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Guards the operations endpoints ({@link OpsConfig#isOpsPath}); every other request passes untouched. Refusals:
 * 404 on the gateway port when the endpoints have a port of their own, 401 when a token is required and missing
 * or wrong, 403 for a non-loopback client without the token (metric reason {@code ops}). The client address is the
 * admission's ({@link ClientAddress}: behind a trusted proxy, the forwarded client).
 */
@ChannelHandler.Sharable
public final class OpsAccessHandler extends ChannelInboundHandlerAdapter {

    private final OpsConfig config;
    private final boolean onOpsPort;
    private final EdgeMetrics metrics;
    private final byte[] token;

    /** @param onOpsPort true for the separate ops listener, false for the gateway port */
    public OpsAccessHandler(OpsConfig config, boolean onOpsPort, EdgeMetrics metrics) {
        this.config = config;
        this.onOpsPort = onOpsPort;
        this.metrics = metrics;
        this.token = config.token().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest req && OpsConfig.isOpsPath(new QueryStringDecoder(req.uri()).path())) {
            HttpResponseStatus refusal = refusal(ctx, req);
            if (refusal != null) {
                boolean keepAlive = HttpUtil.isKeepAlive(req);
                ReferenceCountUtil.release(msg);
                if (refusal.code() != 404) {
                    metrics.refused("ops");
                }
                answer(ctx, refusal, keepAlive);
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    private HttpResponseStatus refusal(ChannelHandlerContext ctx, HttpRequest req) {
        boolean tokenOk = token.length > 0 && hasToken(req);
        if (onOpsPort) {
            return token.length == 0 || tokenOk ? null : HttpResponseStatus.UNAUTHORIZED;
        }
        if (config.separatePort()) {
            return HttpResponseStatus.NOT_FOUND;
        }
        InetAddress client = ClientAddress.of(ctx.channel());
        if (tokenOk || (client != null && client.isLoopbackAddress())) {
            return null;
        }
        return token.length > 0 && req.headers().contains(HttpHeaderNames.AUTHORIZATION)
                ? HttpResponseStatus.UNAUTHORIZED : HttpResponseStatus.FORBIDDEN;
    }

    private boolean hasToken(HttpRequest req) {
        String auth = req.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = auth.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token); // constant time
    }

    private static void answer(ChannelHandlerContext ctx, HttpResponseStatus status, boolean keepAlive) {
        String text = status.code() == 404 ? "not found"
                : "operations endpoint: loopback clients or the admin token only";
        byte[] body = ("{\"error\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        if (status.code() == 401) {
            res.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"tickgate-ops\"");
        }
        if (keepAlive) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(res);
        } else {
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
