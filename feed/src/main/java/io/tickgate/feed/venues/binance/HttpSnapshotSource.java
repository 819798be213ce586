package io.tickgate.feed.venues.binance;

import io.netty.bootstrap.Bootstrap;
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
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.processing.book.SnapshotPacer;
import io.tickgate.processing.book.SnapshotSource;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binance REST depth snapshots over Netty: {@code GET <base>/api/v3/depth?symbol=X&limit=N}, one short-lived HTTP/1.1
 * connection per request, parsed by {@link BinanceSnapshotParser}. Never blocks the caller; the future completes on
 * the HTTP connection's event loop and fails on an HTTP error, a timeout or a bad body. The venue's rate-limit
 * answers, 429 (request weight used up) and 418 (IP banned), fail it with a {@link SnapshotPacer.RateLimited}
 * carrying the {@code Retry-After} (seconds or an HTTP date; a ban's up to Binance's 3 days), on which the
 * {@link SnapshotPacer} that paces this source holds the venue's requests and slows down.
 */
public final class HttpSnapshotSource implements SnapshotSource {

    /** The {@code limit} values Binance's {@code GET /api/v3/depth} accepts. */
    public static final List<Integer> ALLOWED_LIMITS = List.of(5, 10, 20, 50, 100, 500, 1000, 5000);

    private static final Logger LOG = LoggerFactory.getLogger(HttpSnapshotSource.class);
    private static final int MAX_BODY_BYTES = 8 << 20;
    private static final int TIMEOUT_SECONDS = 10;

    private final URI base;
    private final int limit;
    private final EventLoopGroup group;
    private final SslContext ssl;

    /**
     * @param baseUrl {@code https://api.binance.com} (or the simulator's {@code http://127.0.0.1:PORT})
     * @param limit   the {@code limit} parameter (levels per side), one of {@link #ALLOWED_LIMITS}
     * @param group   event loops for the HTTP connections (not owned)
     * @param ssl     TLS for https (null for http)
     */
    public HttpSnapshotSource(String baseUrl, int limit, EventLoopGroup group, SslContext ssl) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
        if (base.getHost() == null || base.getScheme() == null) {
            throw new IllegalArgumentException("REST URL must be http(s)://host[:port]: " + baseUrl);
        }
        if (!isAllowedLimit(limit)) {
            throw new IllegalArgumentException("depth snapshot limit must be one of " + ALLOWED_LIMITS + ", got "
                    + limit);
        }
        this.limit = limit;
        this.group = group;
        this.ssl = ssl;
    }

    /** True when {@code limit} is one of {@link #ALLOWED_LIMITS}. */
    public static boolean isAllowedLimit(int limit) {
        return ALLOWED_LIMITS.contains(limit);
    }

    /** The {@code limit} sent: levels per side a snapshot holds at most. */
    public int limit() {
        return limit;
    }

    @Override
    public CompletableFuture<BookSnapshot> fetch(String symbol) {
        CompletableFuture<BookSnapshot> result = new CompletableFuture<>();
        boolean https = "https".equals(base.getScheme().toLowerCase(Locale.ROOT));
        int port = base.getPort() > 0 ? base.getPort() : https ? 443 : 80;
        String path = (base.getPath() == null ? "" : base.getPath()) + "/api/v3/depth?symbol=" + symbol + "&limit="
                + limit;
        Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, TIMEOUT_SECONDS * 1000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (https && ssl != null) {
                            ch.pipeline().addLast(ssl.newHandler(ch.alloc(), base.getHost(), port));
                        }
                        ch.pipeline().addLast(new ReadTimeoutHandler(TIMEOUT_SECONDS, TimeUnit.SECONDS))
                                .addLast(new HttpClientCodec())
                                .addLast(new HttpObjectAggregator(MAX_BODY_BYTES))
                                .addLast(new SimpleChannelInboundHandler<FullHttpResponse>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse r) {
                                        String body = r.content().toString(StandardCharsets.UTF_8);
                                        ctx.close();
                                        int status = r.status().code();
                                        if (status == 429 || status == 418) {
                                            long wait = RetryAfter.millis(
                                                    r.headers().get(HttpHeaderNames.RETRY_AFTER),
                                                    System.currentTimeMillis(), RetryAfter.MAX_BAN_MILLIS);
                                            LOG.warn("REST {}: HTTP {} on GET {} (Retry-After {} ms): snapshot"
                                                    + " requests of this venue held, then paced slower", base,
                                                    status, path, wait);
                                            result.completeExceptionally(new SnapshotPacer.RateLimited(status, wait,
                                                    "GET " + path + ": HTTP " + status + " " + body));
                                            return;
                                        }
                                        if (status != 200) {
                                            result.completeExceptionally(new IllegalStateException("GET " + path
                                                    + ": HTTP " + r.status().code() + " " + body));
                                            return;
                                        }
                                        try {
                                            result.complete(BinanceSnapshotParser.parse(symbol, body,
                                                    System.currentTimeMillis()));
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
                                });
                    }
                });
        b.connect(base.getHost(), port).addListener((io.netty.channel.ChannelFutureListener) f -> {
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
}
