package io.tickgate.gateway.ops;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.tickgate.gateway.http.OneRequestAtATime;
import io.tickgate.gateway.metrics.EdgeMetrics;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The separate operations listener ({@link OpsConfig#separatePort()}): plain HTTP only (no WebSocket, no TLS, no
 * admission limits, so it stays reachable while the gateway port is flooded), the same routes as the gateway port.
 * Pipeline: {@code http-codec → http-aggregator → read-timeout → ops-access → http-routes}.
 */
public final class OpsListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OpsListener.class);

    /** Largest request accepted on the ops port. */
    static final int MAX_REQUEST_BYTES = 16_384;
    /** An ops connection silent this long is closed. */
    static final int IDLE_SECONDS = 30;

    private final Channel server;

    private OpsListener(Channel server) {
        this.server = server;
    }

    /**
     * Binds {@code config.host():config.port()} on the given event loops.
     *
     * @param serverChannel the server channel class of the gateway's transport (matching its event loop groups)
     * @param routes        the gateway's (sharable) HTTP route handler
     */
    public static OpsListener start(OpsConfig config, EventLoopGroup accept, EventLoopGroup io,
                                    Class<? extends ServerChannel> serverChannel, ChannelHandler routes,
                                    EdgeMetrics metrics) {
        OpsAccessHandler access = new OpsAccessHandler(config, true, metrics);
        Channel ch = new ServerBootstrap()
                .group(accept, io)
                .channel(serverChannel)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel c) {
                        c.pipeline().addLast("http-codec", new HttpServerCodec())
                                .addLast("http-aggregator", new HttpObjectAggregator(MAX_REQUEST_BYTES))
                                .addLast("http-order", new OneRequestAtATime())
                                .addLast("read-timeout", new ReadTimeoutHandler(IDLE_SECONDS, TimeUnit.SECONDS))
                                .addLast("ops-access", access)
                                .addLast("http-routes", routes)
                                .addLast("quiet-close", QuietClose.INSTANCE);
                    }
                })
                .bind(config.host(), config.port())
                .syncUninterruptibly()
                .channel();
        return new OpsListener(ch);
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Closes the connection on an error (read timeout, reset) with one DEBUG line instead of a stack trace. */
    @ChannelHandler.Sharable
    static final class QuietClose extends ChannelInboundHandlerAdapter {
        static final QuietClose INSTANCE = new QuietClose();

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("ops connection {} closed: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }

    @Override
    public void close() {
        server.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
    }
}
