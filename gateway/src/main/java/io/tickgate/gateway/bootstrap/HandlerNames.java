package io.tickgate.gateway.bootstrap;

/** Names of the handlers in a client connection's pipeline, in pipeline order. */
public final class HandlerNames {

    /** Connection admission: global and per-IP limits, handshake timer (first handler). */
    public static final String ADMISSION = "admission";
    /** TLS (present when TLS is on). */
    public static final String TLS = "tls";
    /** Closes connections whose TLS fails, quietly (present when TLS is on). */
    public static final String TLS_ERRORS = "tls-errors";
    /** HTTP/1.1 request decoder + response encoder; replaced by the WebSocket frame codec on upgrade. */
    public static final String HTTP_CODEC = "http-codec";
    /** Aggregates HTTP requests (removed on upgrade). */
    public static final String HTTP_AGGREGATOR = "http-aggregator";
    /** Lets a connection's pipelined HTTP requests through one at a time, so they are answered in order. */
    public static final String HTTP_ORDER = "http-order";
    /** Answers refused connections, applies X-Forwarded-For behind trusted proxies, disarms the handshake timer. */
    public static final String ADMISSION_HTTP = "admission-http";
    /** Origin allow-list for WebSocket handshakes; CORS on the REST API. */
    public static final String ORIGIN = "origin";
    /** Guards the operations endpoints. */
    public static final String OPS_ACCESS = "ops-access";
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
    /** Client pings and pongs: counted by the inbound rate limit, pongs answered through the outbound budget. */
    public static final String CONTROL_FRAMES = "control-frames";
    /** Netty's WebSocket handshake, ping/pong and close handling for {@code /ws}. */
    public static final String WS_PROTOCOL = "ws-protocol";
    /** Joins fragmented WebSocket messages, enforcing the frame limit. */
    public static final String WS_AGGREGATOR = "ws-aggregator";
    /** With compression: an inflated message over the frame limit is refused like an oversized frame. */
    public static final String INFLATED_LIMIT = "inflated-limit";
    /** Non-WebSocket HTTP requests: health, ready, metrics, API, static files. */
    public static final String HTTP_ROUTES = "http-routes";
    /** Text frame → {@link io.tickgate.gateway.protocol.ClientMessage}. */
    public static final String CLIENT_DECODER = "client-decoder";
    /** Resumes the connection's outbound writes on writability changes; releases its queue on close. */
    public static final String OUTBOUND = "outbound";
    /** The session: auth, limits, subscribe/unsubscribe, answers. */
    public static final String SESSION = "session";

    private HandlerNames() {
    }
}
