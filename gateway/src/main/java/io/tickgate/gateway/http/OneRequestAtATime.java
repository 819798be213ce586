package io.tickgate.gateway.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.ArrayDeque;

/**
 * HTTP/1.1 pipelining, in order: a connection's next request goes on to the handlers after this one only once the
 * answer to the one before is written, so answers leave in request order even when one is computed asynchronously (a
 * history query, a cluster call) and one that is not comes after it, and a per-request state a handler keeps on the
 * channel (the CORS origin) belongs to the answer being written. Requests that came meanwhile wait here; past
 * {@value #MAX_WAITING} reading stops until they are taken (TCP then holds the client back). After a
 * {@code 101 Switching Protocols} it steps aside: what follows is WebSocket frames. One per connection, placed right
 * after the HTTP aggregator.
 */
public final class OneRequestAtATime extends ChannelDuplexHandler {

    /** Requests held per connection before reading stops. */
    static final int MAX_WAITING = 16;

    private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>();
    private boolean answering;
    /** Reading was stopped here (and is turned back on here only). */
    private boolean paused;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest req)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (!answering) {
            answering = true;
            ctx.fireChannelRead(req);
            return;
        }
        waiting.add(req);
        if (waiting.size() >= MAX_WAITING && !paused) {
            paused = true;
            ctx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        boolean upgraded = msg instanceof HttpResponse r
                && r.status().code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code();
        boolean answered = msg instanceof LastHttpContent; // a FullHttpResponse is one too
        ctx.write(msg, promise);
        if (upgraded) {
            releaseWaiting();
            ctx.pipeline().remove(this);
        } else if (answered && answering) {
            answering = false;
            ctx.executor().execute(() -> next(ctx)); // not from inside this write: the next answer may be synchronous
        }
    }

    private void next(ChannelHandlerContext ctx) {
        if (answering || ctx.isRemoved()) {
            return;
        }
        FullHttpRequest req = waiting.poll();
        if (paused && waiting.size() < MAX_WAITING / 2) {
            paused = false;
            ctx.channel().config().setAutoRead(true);
        }
        if (req != null) {
            answering = true;
            ctx.fireChannelRead(req);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseWaiting();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseWaiting();
    }

    private void releaseWaiting() {
        FullHttpRequest r;
        while ((r = waiting.poll()) != null) {
            r.release();
        }
    }
}
