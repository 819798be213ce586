package io.tickgate.simulator.venue;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.util.concurrent.Future;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** A plain Netty WebSocket client for the venue tests: collects text frames, pings, the close code. */
final class TestWsClient implements AutoCloseable {

    final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    final AtomicInteger pings = new AtomicInteger();
    final AtomicBoolean autoPong = new AtomicBoolean(true);
    final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    final CompletableFuture<Void> disconnected = new CompletableFuture<>();
    /** Completes with 101 on success or the HTTP status of a refused upgrade. */
    final CompletableFuture<HttpResponse> handshake = new CompletableFuture<>();
    private final Channel channel;
    /** The first send that failed to be written (null: none), reported when an awaited frame does not come. */
    private volatile Throwable sendFailure;

    private TestWsClient(EventLoopGroup group, URI uri) throws InterruptedException {
        WebSocketClientHandshaker hs = WebSocketClientHandshakerFactory.newHandshaker(uri, WebSocketVersion.V13,
                null, true, new DefaultHttpHeaders(), 1 << 20);
        channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20),
                                new Handler(hs));
                    }
                }).connect(uri.getHost(), uri.getPort()).sync().channel();
        channel.closeFuture().addListener(f -> {
            disconnected.complete(null);
            closeCode.complete(-1);
            handshake.completeExceptionally(new IllegalStateException("closed before handshake"));
        });
    }

    /** Connects; returns once the upgrade was answered (either way). */
    static TestWsClient connect(EventLoopGroup group, int port, String path) throws Exception {
        TestWsClient c = new TestWsClient(group, new URI("ws://127.0.0.1:" + port + path));
        try {
            c.handshake.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            // refused or closed: the caller inspects handshake / closeCode
        }
        return c;
    }

    int handshakeStatus() {
        return handshake.isCompletedExceptionally() ? -1 : handshake.join().status().code();
    }

    void send(String text) {
        channel.writeAndFlush(new TextWebSocketFrame(text)).addListener(this::recordSendFailure);
    }

    void sendPing(String payload) {
        channel.writeAndFlush(new PingWebSocketFrame(Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8)))
                .addListener(this::recordSendFailure);
    }

    private void recordSendFailure(Future<? super Void> f) {
        if (!f.isSuccess() && sendFailure == null) {
            sendFailure = f.cause();
        }
    }

    /** What a failed wait reports besides the timeout: the connection state and the first failed send. */
    private String state() {
        return "open=" + isOpen() + ", close code=" + closeCode.getNow(null) + ", failed send=" + sendFailure;
    }

    /**
     * Waits are stretched by this factor: a bound, not a speed check, so a loaded 2-core CI machine does not fail a
     * test that is merely slow.
     */
    private static final long WAIT_SCALE = 4;

    /** The next text frame, or fails after the timeout. */
    String next(long millis) throws InterruptedException {
        millis *= WAIT_SCALE;
        String s = texts.poll(millis, TimeUnit.MILLISECONDS);
        if (s == null) {
            throw new AssertionError("no frame within " + millis + " ms; " + state());
        }
        return s;
    }

    /** The next text frame containing a substring, skipping others. */
    String nextContaining(String part, long millis) throws InterruptedException {
        millis *= WAIT_SCALE;
        long deadline = System.currentTimeMillis() + millis;
        int skipped = 0;
        List<String> firstSkipped = new ArrayList<>();
        while (true) {
            long left = deadline - System.currentTimeMillis();
            String s = left <= 0 ? null : texts.poll(left, TimeUnit.MILLISECONDS);
            if (s == null) {
                throw new AssertionError("no frame containing " + part + " within " + millis + " ms; skipped "
                        + skipped + " others, first ones: " + firstSkipped + "; " + state());
            }
            if (s.contains(part)) {
                return s;
            }
            if (skipped++ < 3) {
                firstSkipped.add(s);
            }
        }
    }

    boolean isOpen() {
        return channel.isActive();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(2000);
    }

    private final class Handler extends SimpleChannelInboundHandler<Object> {
        private final WebSocketClientHandshaker hs;

        Handler(WebSocketClientHandshaker hs) {
            this.hs = hs;
        }

        /**
         * Starts the upgrade on the event loop, as Netty's client examples (and feed's WsClientHandler) do.
         * {@code handshake()} adds the frame encoder in a listener on the request write; called from the test
         * thread, that write can complete before the listener is attached, which then runs as a later event-loop
         * task, after the 101 was read and the HTTP codec removed: it finds no codec, adds no encoder, and every
         * frame the test sends fails to encode ("unsupported message type: TextWebSocketFrame") without a trace.
         * Here the write and the listener run in one event-loop task, before any response can be read.
         */
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            hs.handshake(ctx.channel()).addListener(f -> {
                if (!f.isSuccess()) {
                    handshake.completeExceptionally(f.cause());
                }
            });
            ctx.fireChannelActive();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            if (!hs.isHandshakeComplete() && msg instanceof FullHttpResponse r) {
                if (r.status().code() == 101) {
                    hs.finishHandshake(ctx.channel(), r);
                    handshake.complete(new DefaultHttpResponse(r.protocolVersion(), r.status(), r.headers().copy()));
                } else {
                    handshake.complete(new DefaultHttpResponse(r.protocolVersion(), r.status(), r.headers().copy()));
                    ctx.close();
                }
                return;
            }
            WebSocketFrame f = (WebSocketFrame) msg;
            if (f instanceof TextWebSocketFrame t) {
                texts.add(t.text());
            } else if (f instanceof PingWebSocketFrame) {
                pings.incrementAndGet();
                if (autoPong.get()) {
                    ByteBuf payload = f.content().retainedDuplicate();
                    ctx.writeAndFlush(new PongWebSocketFrame(payload));
                }
            } else if (f instanceof CloseWebSocketFrame c) {
                closeCode.complete(c.statusCode());
                ctx.close();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
