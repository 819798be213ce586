package io.tickgate.feed.rest;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.tickgate.feed.connection.RetryAfter;
import io.tickgate.processing.book.SnapshotPacer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET}s on one venue's REST base. Never blocks the caller; the future completes on the HTTP connection's event
 * loop with the parsed body of a 200, and fails on another status, a timeout or a body the parser rejects. The
 * venue's rate-limit answers, 429 (request weight used up) and 418 (IP banned), fail it with a
 * {@link SnapshotPacer.RateLimited} carrying the {@code Retry-After} (seconds or an HTTP date; a ban's up to
 * Binance's 3 days), on which the {@link SnapshotPacer} that paces the venue's requests holds them and slows down.
 */
public final class RestGet {

    private static final Logger LOG = LoggerFactory.getLogger(RestGet.class);
    private static final int MAX_BODY_BYTES = 8 << 20;
    private static final int TIMEOUT_SECONDS = 10;
    /**
     * Longest a whole request may take, connect to last byte: the read timeout above is one of silence, which a
     * server sending a byte every few seconds never trips.
     */
    static final long DEADLINE_MILLIS = 20_000;

    private final URI base;
    private final EventLoopGroup group;
    private final SslContext ssl;
    private final long deadlineMillis;

    /**
     * @param baseUrl {@code https://api.binance.com} (or the simulator's {@code http://127.0.0.1:PORT})
     * @param group   event loops for the HTTP connections (not owned)
     * @param ssl     TLS for https (null for http)
     * @throws IllegalArgumentException if the URL is not {@code http(s)://host[:port]}
     */
    public RestGet(String baseUrl, EventLoopGroup group, SslContext ssl) {
        this(baseUrl, group, ssl, DEADLINE_MILLIS);
    }

    /** As {@link #RestGet(String, EventLoopGroup, SslContext)} with another deadline per request (tests). */
    RestGet(String baseUrl, EventLoopGroup group, SslContext ssl, long deadlineMillis) {
        this.deadlineMillis = deadlineMillis;
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
        if (base.getHost() == null || base.getScheme() == null) {
            throw new IllegalArgumentException("REST URL must be http(s)://host[:port]: " + baseUrl);
        }
        this.group = group;
        this.ssl = ssl;
    }

    /**
     * Starts {@code GET <base><pathAndQuery>}.
     *
     * @param parser turns a 200 body into the result (a RuntimeException fails the future)
     */
    public <T> CompletableFuture<T> get(String pathAndQuery, Function<String, T> parser) {
        CompletableFuture<T> result = new CompletableFuture<>();
        boolean https = "https".equals(base.getScheme().toLowerCase(Locale.ROOT));
        int port = base.getPort() > 0 ? base.getPort() : https ? 443 : 80;
        String path = (base.getPath() == null ? "" : base.getPath()) + pathAndQuery;
        Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, TIMEOUT_SECONDS * 1000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (https && ssl != null) {
                            ch.pipeline().addLast(ssl.newHandler(ch.alloc(), base.getHost(), port));
                        }
                        ch.eventLoop().schedule(() -> {
                            if (result.completeExceptionally(new java.util.concurrent.TimeoutException("GET " + path
                                    + ": no complete answer within " + deadlineMillis + " ms"))) {
                                ch.close();
                            }
                        }, deadlineMillis, TimeUnit.MILLISECONDS);
                        ch.pipeline().addLast(new ReadTimeoutHandler(TIMEOUT_SECONDS, TimeUnit.SECONDS))
                                .addLast(new HttpClientCodec())
                                .addLast(new HttpObjectAggregator(MAX_BODY_BYTES))
                                .addLast(new Answer<>(path, parser, result));
                    }
                });
        b.connect(base.getHost(), port).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                result.completeExceptionally(f.cause());
                return;
            }
            DefaultFullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path);
            req.headers().set(HttpHeaderNames.HOST, base.getHost() + ":" + port)
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                    .set(HttpHeaderNames.ACCEPT, HttpHeaderValues.APPLICATION_JSON);
            f.channel().writeAndFlush(req);
        });
        return result;
    }

    @Override
    public String toString() {
        return base.toString();
    }

    /** Completes the request's future from the response (or the lack of one). */
    private final class Answer<T> extends SimpleChannelInboundHandler<FullHttpResponse> {
        private final String path;
        private final Function<String, T> parser;
        private final CompletableFuture<T> result;

        Answer(String path, Function<String, T> parser, CompletableFuture<T> result) {
            this.path = path;
            this.parser = parser;
            this.result = result;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse r) {
            String body = r.content().toString(StandardCharsets.UTF_8);
            ctx.close();
            int status = r.status().code();
            if (status == 429 || status == 418) {
                long wait = RetryAfter.millis(r.headers().get(HttpHeaderNames.RETRY_AFTER),
                        System.currentTimeMillis(), RetryAfter.MAX_BAN_MILLIS);
                LOG.warn("REST {}: HTTP {} on GET {} (Retry-After {} ms): requests of this venue held, then paced"
                        + " slower", base, status, path, wait);
                result.completeExceptionally(new SnapshotPacer.RateLimited(status, wait,
                        "GET " + path + ": HTTP " + status + " " + body));
                return;
            }
            if (status != 200) {
                result.completeExceptionally(new IllegalStateException("GET " + path + ": HTTP " + status + " "
                        + body));
                return;
            }
            try {
                result.complete(parser.apply(body));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            result.completeExceptionally(new IllegalStateException("GET " + path
                    + ": connection closed before the answer"));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            result.completeExceptionally(cause);
            ctx.close();
        }
    }
}
