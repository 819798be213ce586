package io.tickgate.gateway.tls;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.tickgate.gateway.metrics.EdgeMetrics;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Right after the TLS handler: a failed handshake or a record that is not TLS (a plain-HTTP client on the TLS port,
 * a client that does not trust the certificate, a scanner) closes the connection with one DEBUG line and the metric
 * reason {@code tls}, instead of a stack trace further down the pipeline. Other errors pass on.
 */
@ChannelHandler.Sharable
public final class TlsErrorHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(TlsErrorHandler.class);

    private final EdgeMetrics metrics;

    public TlsErrorHandler(EdgeMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable c = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (!(c instanceof SSLException)) {
            ctx.fireExceptionCaught(cause);
            return;
        }
        metrics.refused("tls");
        log.debug("{}: TLS failed: {}", ctx.channel().remoteAddress(), c.toString());
        ctx.close();
    }
}
