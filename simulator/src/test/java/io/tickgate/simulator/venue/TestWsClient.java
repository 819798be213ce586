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
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
        hs.handshake(channel);
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
        channel.writeAndFlush(new TextWebSocketFrame(text));
    }

    void sendPing(String payload) {
        channel.writeAndFlush(new PingWebSocketFrame(Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8)));
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
            throw new AssertionError("no frame within " + millis + " ms");
        }
        return s;
    }

    /** The next text frame containing a substring, skipping others. */
    String nextContaining(String part, long millis) throws InterruptedException {
        millis *= WAIT_SCALE;
        long deadline = System.currentTimeMillis() + millis;
        while (true) {
            long left = deadline - System.currentTimeMillis();
            String s = left <= 0 ? null : texts.poll(left, TimeUnit.MILLISECONDS);
            if (s == null) {
                throw new AssertionError("no frame containing " + part + " within " + millis + " ms");
            }
            if (s.contains(part)) {
                return s;
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
