package io.tickgate.simulator.venue;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/** Small helpers for the simulators' plain HTTP answers. */
public final class HttpResponses {

    private HttpResponses() {
    }

    /** A JSON response with Content-Length. */
    public static FullHttpResponse json(HttpResponseStatus status, String body) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
        return r;
    }

    /**
     * Answers a REST request with the venue's rate-limit refusal when one is in force (the {@code restLimit} fault):
     * the refusal's status, {@code Retry-After} = the seconds left, and {@code body} (the venue's words for it).
     *
     * @return true if the request was refused (answered)
     */
    public static boolean refusedRest(ChannelHandlerContext ctx, ServerControls controls, long now,
                                      Function<ServerControls.RestRefusal, String> body) {
        ServerControls.RestRefusal refusal = controls.restRefusal(now);
        if (refusal == null) {
            return false;
        }
        controls.recordRest(now, refusal.status(), refusal.retryAfterSeconds());
        FullHttpResponse r = json(HttpResponseStatus.valueOf(refusal.status()), body.apply(refusal));
        r.headers().set(HttpHeaderNames.RETRY_AFTER, refusal.retryAfterSeconds());
        sendAndClose(ctx, r);
        return true;
    }

    /** Writes a response and closes the connection (the simulators do not keep HTTP connections alive). */
    public static void sendAndClose(ChannelHandlerContext ctx, FullHttpResponse response) {
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
