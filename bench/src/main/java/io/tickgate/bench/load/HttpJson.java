package io.tickgate.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
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
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A minimal Netty HTTP/1.1 client for one {@code GET} of a JSON document (the bench server's routes). */
final class HttpJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpJson() {
    }

    /**
     * {@code GET http://host:port/path}; the parsed body of a 200 answer, or null on any other status, a timeout or
     * an I/O error (the caller reports the figure as missing).
     */
    static JsonNode get(EventLoopGroup group, String host, int port, String path, long timeoutMillis) {
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        Channel ch = null;
        try {
            ch = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeoutMillis)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel c) {
                            c.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20),
                                    new SimpleChannelInboundHandler<FullHttpResponse>() {
                                        @Override
                                        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse r)
                                                throws Exception {
                                            result.complete(r.status().code() == 200
                                                    ? JSON.readTree(r.content().toString(StandardCharsets.UTF_8))
                                                    : null);
                                            ctx.close();
                                        }

                                        @Override
                                        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                            result.complete(null);
                                            ctx.close();
                                        }
                                    });
                        }
                    })
                    .connect(host, port).syncUninterruptibly().channel();
            DefaultFullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path);
            req.headers().set(HttpHeaderNames.HOST, host + ":" + port);
            req.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ch.writeAndFlush(req);
            return result.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (Exception e) { // connect failures arrive as sneakily thrown checked exceptions
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return null;
        } finally {
            if (ch != null) {
                ch.close();
            }
        }
    }
}
