package io.tickgate.gateway.protocol;

/** WebSocket close codes the gateway sends, with the reason text it uses. */
public final class CloseCodes {

    /** The server is shutting down (standard "going away"). */
    public static final int GOING_AWAY = 1001;
    /** No pong or other inbound frame within the pong timeout. */
    public static final int PONG_TIMEOUT = 4002;
    /** Authentication required and the token is missing or wrong. */
    public static final int UNAUTHORIZED = 4001;
    /** The connection's outbound queue went over its byte budget. */
    public static final int SLOW_CONSUMER = 4008;
    /** An inbound message was larger than the frame limit. */
    public static final int MESSAGE_TOO_LARGE = 4009;
    /** The user was disconnected by the server's API ({@code POST /api/v1/users/{id}/disconnect}). */
    public static final int DISCONNECTED = 4010;
    /** The client sent far more messages than the rate limit allows. */
    public static final int RATE_LIMITED = 4029;

    private CloseCodes() {
    }
}
