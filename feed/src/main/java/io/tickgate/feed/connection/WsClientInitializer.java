package io.tickgate.feed.connection;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslContext;
import java.net.URI;

/**
 * The pipeline of one upstream connection, in order:
 * <ol>
 *   <li>{@value #TLS} — TLS for {@code wss://} (absent for {@code ws://});</li>
 *   <li>{@value #HTTP_CODEC}, {@value #HTTP_AGGREGATOR} — the HTTP upgrade exchange (the aggregator also gives
 *       error answers whole, so a 429's {@code Retry-After} can be read);</li>
 *   <li>{@value #FRAME_AGGREGATOR} — joins continuation frames;</li>
 *   <li>{@value #WS} — the {@link WsClientHandler}.</li>
 * </ol>
 * The handshaker adds its frame codec after the upgrade.
 */
public final class WsClientInitializer extends ChannelInitializer<SocketChannel> {

    public static final String TLS = "tls";
    public static final String HTTP_CODEC = "http-codec";
    public static final String HTTP_AGGREGATOR = "http-aggregator";
    public static final String FRAME_AGGREGATOR = "ws-frame-aggregator";
    public static final String WS = "ws";

    /** Largest frame accepted from a venue (a LIST_SUBSCRIPTIONS answer for 1024 streams is ~30 KB). */
    public static final int MAX_FRAME_BYTES = 4 << 20;
    /** Largest HTTP upgrade URL sent (servers commonly refuse request lines over 4 KB). */
    public static final int MAX_URL_BYTES = io.tickgate.feed.venue.VenueProtocol.MAX_URL_BYTES;

    private final URI uri;
    private final SslContext ssl;
    private final WsListener listener;

    public WsClientInitializer(URI uri, SslContext ssl, WsListener listener) {
        this.uri = uri;
        this.ssl = ssl;
        this.listener = listener;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        if (ssl != null) {
            ch.pipeline().addLast(TLS, ssl.newHandler(ch.alloc(), uri.getHost(), port(uri)));
        }
        ch.pipeline()
                .addLast(HTTP_CODEC, new HttpClientCodec())
                .addLast(HTTP_AGGREGATOR, new HttpObjectAggregator(1 << 16))
                .addLast(FRAME_AGGREGATOR, new WebSocketFrameAggregator(MAX_FRAME_BYTES))
                .addLast(WS, new WsClientHandler(WebSocketClientHandshakerFactory.newHandshaker(uri,
                        WebSocketVersion.V13, null, false, new DefaultHttpHeaders(), MAX_FRAME_BYTES), listener));
    }

    /** The port of a ws/wss URI (default 80/443). */
    public static int port(URI uri) {
        if (uri.getPort() > 0) {
            return uri.getPort();
        }
        return "wss".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
