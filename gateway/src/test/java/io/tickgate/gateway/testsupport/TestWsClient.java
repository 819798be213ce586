package io.tickgate.gateway.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketClientCompressionHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A small Netty WebSocket client for tests. Text frames are queued (or handed to a listener on the client's event
 * loop); pings are answered unless {@code autoPong} is off; the close frame's code is recorded.
 */
public final class TestWsClient implements AutoCloseable {

    /** How a connection ended: the close frame's code and reason, or code -1 when the socket closed without one. */
    public record CloseInfo(int code, String reason) {
    }

    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Channel channel;
    private final Handler handler;

    private TestWsClient(Channel channel, Handler handler) {
        this.channel = channel;
        this.handler = handler;
    }

    /** Options of a connection. */
    public static final class Options {
        HttpHeaders headers = new DefaultHttpHeaders();
        boolean autoPong = true;
        boolean compression;
        String subprotocols;
        Consumer<String> listener;
        int receiveBufferBytes;

        public Options header(String name, String value) {
            headers.add(name, value);
            return this;
        }

        public Options autoPong(boolean on) {
            autoPong = on;
            return this;
        }

        /** Offers permessage-deflate in the handshake (and inflates what the server compresses). */
        public Options compression(boolean on) {
            compression = on;
            return this;
        }

        /** Offers these subprotocols (comma-separated); the handshake fails unless the server picks one. */
        public Options subprotocols(String list) {
            subprotocols = list;
            return this;
        }

        /**
         * The socket's receive buffer, set before connecting (so the window the client advertises stays this small):
         * a client that stops reading backs the server up within this many bytes. 0: the system's default.
         */
        public Options receiveBufferBytes(int bytes) {
            receiveBufferBytes = bytes;
            return this;
        }

        /** Receives every text frame on the client event loop instead of the queue. */
        public Options listener(Consumer<String> l) {
            listener = l;
            return this;
        }
    }

    public static Options options() {
        return new Options();
    }

    public static TestWsClient connect(EventLoopGroup group, URI uri) {
        return connect(group, uri, options());
    }

    /** Connects and completes the WebSocket handshake (fails the test after 10 s). */
    public static TestWsClient connect(EventLoopGroup group, URI uri, Options options) {
        WebSocketClientHandshaker handshaker = WebSocketClientHandshakerFactory.newHandshaker(
                uri, WebSocketVersion.V13, options.subprotocols, options.compression, options.headers, 16 * 1024 * 1024);
        Handler handler = new Handler(handshaker, options.autoPong, options.listener);
        Bootstrap bootstrap = new Bootstrap();
        if (options.receiveBufferBytes > 0) {
            bootstrap.option(ChannelOption.SO_RCVBUF, options.receiveBufferBytes);
        }
        Channel ch = bootstrap.group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(65_536));
                        if (options.compression) {
                            ch.pipeline().addLast(new WebSocketClientCompressionHandler(16 * 1024 * 1024));
                        }
                        ch.pipeline().addLast(handler);
                    }
                })
                .connect(uri.getHost(), uri.getPort()).syncUninterruptibly().channel();
        if (!handler.handshakeFuture.awaitUninterruptibly(10, TimeUnit.SECONDS)) {
            ch.close();
            throw new IllegalStateException("handshake timed out: " + uri);
        }
        if (!handler.handshakeFuture.isSuccess()) {
            ch.close();
            throw new IllegalStateException("handshake failed: " + handler.handshakeFuture.cause(),
                    handler.handshakeFuture.cause());
        }
        return new TestWsClient(ch, handler);
    }

    public Channel channel() {
        return channel;
    }

    /** The subprotocol the server answered with, or null. */
    public String subprotocol() {
        return handler.handshaker.actualSubprotocol();
    }

    /** The {@code Sec-WebSocket-Extensions} header of the handshake response, or null. */
    public String negotiatedExtensions() {
        return handler.extensions;
    }

    public void send(String text) {
        channel.writeAndFlush(new TextWebSocketFrame(text)).syncUninterruptibly();
    }

    /** Writes without flushing or waiting (for floods); call {@link #flush()}. */
    public void sendNoFlush(String text) {
        channel.write(new TextWebSocketFrame(text), channel.voidPromise());
    }

    public void flush() {
        channel.flush();
    }

    public void sendBinary(byte[] bytes) {
        channel.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes))).syncUninterruptibly();
    }

    public void sendFrame(WebSocketFrame frame) {
        channel.writeAndFlush(frame).syncUninterruptibly();
    }

    /** The next text message as JSON; fails after 10 s. */
    public JsonNode next() {
        return next(DEFAULT_WAIT);
    }

    public JsonNode next(Duration wait) {
        String text = nextText(wait);
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("server sent invalid JSON: " + text, e);
        }
    }

    public String nextText(Duration wait) {
        try {
            String s = handler.texts.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (s == null) {
                throw new AssertionError("no message within " + wait + " (closed: " + handler.closed.getNow(null)
                        + ")");
            }
            return s;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The next message, or null when none arrives within {@code wait}. */
    public JsonNode poll(Duration wait) {
        try {
            String s = handler.texts.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            return s == null ? null : MAPPER.readTree(s);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Messages received and not yet taken. */
    public int pending() {
        return handler.texts.size();
    }

    public int pingsReceived() {
        return handler.pings.get();
    }

    /** Waits for the connection to end; fails after 10 s. */
    public CloseInfo awaitClose() {
        return awaitClose(DEFAULT_WAIT);
    }

    public CloseInfo awaitClose(Duration wait) {
        try {
            return handler.closed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("connection still open after " + wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
    }

    public boolean isOpen() {
        return channel.isActive() && !handler.closed.isDone();
    }

    @Override
    public void close() {
        if (channel.isActive()) {
            channel.writeAndFlush(new CloseWebSocketFrame(1000, "bye"));
            channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
    }

    private static final class Handler extends SimpleChannelInboundHandler<Object> {
        final WebSocketClientHandshaker handshaker;
        final boolean autoPong;
        final Consumer<String> listener;
        final LinkedBlockingQueue<String> texts = new LinkedBlockingQueue<>();
        final CompletableFuture<CloseInfo> closed = new CompletableFuture<>();
        final AtomicInteger pings = new AtomicInteger();
        ChannelPromise handshakeFuture;
        volatile String extensions;

        Handler(WebSocketClientHandshaker handshaker, boolean autoPong, Consumer<String> listener) {
            this.handshaker = handshaker;
            this.autoPong = autoPong;
            this.listener = listener;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            handshakeFuture = ctx.newPromise();
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            handshaker.handshake(ctx.channel());
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            closed.complete(new CloseInfo(-1, ""));
            if (!handshakeFuture.isDone()) {
                handshakeFuture.tryFailure(new IllegalStateException("closed during handshake"));
            }
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            if (!handshaker.isHandshakeComplete()) {
                try {
                    extensions = ((FullHttpResponse) msg).headers().get("Sec-WebSocket-Extensions");
                    handshaker.finishHandshake(ctx.channel(), (FullHttpResponse) msg);
                    handshakeFuture.trySuccess();
                } catch (RuntimeException e) {
                    handshakeFuture.tryFailure(e);
                }
                return;
            }
            if (msg instanceof TextWebSocketFrame t) {
                String text = t.content().toString(StandardCharsets.UTF_8);
                if (listener != null) {
                    listener.accept(text);
                } else {
                    texts.add(text);
                }
            } else if (msg instanceof PingWebSocketFrame p) {
                pings.incrementAndGet();
                if (autoPong) {
                    ctx.writeAndFlush(new PongWebSocketFrame(p.content().retain()));
                }
            } else if (msg instanceof CloseWebSocketFrame c) {
                closed.complete(new CloseInfo(c.statusCode(), c.reasonText()));
                ctx.writeAndFlush(new CloseWebSocketFrame(c.statusCode(), c.reasonText()));
                ctx.close();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (!handshakeFuture.isDone()) {
                handshakeFuture.tryFailure(cause);
            }
            ctx.close();
        }
    }
}
