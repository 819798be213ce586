package io.tickgate.gateway.admission;

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
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The HTTP side of admission (after the HTTP aggregator, before the WebSocket handshake): answers a refused
 * connection's first request (429 per-IP, 503 global, with {@code Retry-After}) and closes it; behind a trusted
 * proxy, takes the client address from {@code X-Forwarded-For} of every request and charges the first one's per-IP
 * limits; disarms the handshake
 * timer when the WebSocket upgrade (101) goes out and re-arms it after each plain HTTP request, so an idle
 * keep-alive connection is closed as well.
 */
@ChannelHandler.Sharable
public final class AdmissionHttpHandler extends ChannelDuplexHandler {

    private static final String FORWARDED_FOR = "X-Forwarded-For";

    private final Admission admission;

    public AdmissionHttpHandler(Admission admission) {
        this.admission = admission;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        AdmissionTicket t = ctx.channel().attr(AdmissionTicket.KEY).get();
        if (!(msg instanceof HttpRequest req) || t == null) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (t.proxied) {
            // every request: a proxy reuses its upstream connection for other clients (keep-alive), and the ops
            // endpoints' loopback check must see this request's client, not the connection's first one
            List<String> forwarded = req.headers().getAll(FORWARDED_FOR);
            ctx.channel().attr(ClientAddress.KEY).set(admission.clientAddress(t.peer, forwarded));
            if (t.deferred) {
                admission.admitForwarded(t, forwarded); // per-IP limits: charged once, to the first client
            }
        }
        if (t.refusal != null) {
            ReferenceCountUtil.release(msg);
            answer(ctx, t.refusal);
            return;
        }
        if (!t.upgraded) {
            t.served = true;
            AdmissionHandler.arm(ctx, admission, t, admission.config().handshakeTimeoutMillis());
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse res && res.status().code() == 101) {
            AdmissionTicket t = ctx.channel().attr(AdmissionTicket.KEY).get();
            if (t != null) {
                t.upgraded = true;
                t.cancelTimer();
            }
        }
        ctx.write(msg, promise);
    }

    private static void answer(ChannelHandlerContext ctx, Refusal r) {
        byte[] body = ("{\"error\":\"" + r.message() + "\",\"reason\":\"" + r.reason() + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(r.status()), Unpooled.wrappedBuffer(body));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        res.headers().setInt(HttpHeaderNames.RETRY_AFTER, r.status() == 503 ? 5 : 1);
        ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
    }
}
