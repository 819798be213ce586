package io.tickgate.gateway.bootstrap;

/** Names of the handlers in a client connection's pipeline, in pipeline order. */
public final class HandlerNames {

    /** HTTP/1.1 request decoder + response encoder; replaced by the WebSocket frame codec on upgrade. */
    public static final String HTTP_CODEC = "http-codec";
    /** Aggregates HTTP requests (removed on upgrade). */
    public static final String HTTP_AGGREGATOR = "http-aggregator";
    /** permessage-deflate negotiation (present when compression is enabled). */
    public static final String WS_COMPRESSION = "ws-compression";
    /** Fires a reader-idle event after each heartbeat interval of inbound silence. */
    public static final String IDLE = "idle";
    /** Fails the connection (1002) on RSV bits no negotiated extension accounts for. */
    public static final String RESERVED_BITS = "reserved-bits";
    /** Pings on idle, closes 4002 on pong timeout. */
    public static final String HEARTBEAT = "heartbeat";
    /** Turns frame decoder failures into an event the session answers. */
    public static final String FRAME_ERRORS = "frame-errors";
    /** Netty's WebSocket handshake, ping/pong and close handling for {@code /ws}. */
    public static final String WS_PROTOCOL = "ws-protocol";
    /** Joins fragmented WebSocket messages, enforcing the frame limit. */
    public static final String WS_AGGREGATOR = "ws-aggregator";
    /** Non-WebSocket HTTP requests: health, ready, metrics, API, static files. */
    public static final String HTTP_ROUTES = "http-routes";
    /** Text frame → {@link io.tickgate.gateway.protocol.ClientMessage}. */
    public static final String CLIENT_DECODER = "client-decoder";
    /** The session: auth, limits, subscribe/unsubscribe, answers. */
    public static final String SESSION = "session";

    private HandlerNames() {
    }
}
