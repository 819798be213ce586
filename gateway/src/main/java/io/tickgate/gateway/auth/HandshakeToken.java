package io.tickgate.gateway.auth;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;

/**
 * Finds the token of a WebSocket handshake, first found wins: {@code Authorization: Bearer <token>}, a
 * {@code Sec-WebSocket-Protocol} value {@code bearer.<token>} (browsers cannot set headers; the client must also
 * offer {@value #SUBPROTOCOL}, which the server answers with), then {@code ?token=<token>} (ends up in access logs
 * and browser history: the last resort).
 */
public final class HandshakeToken {

    /** The subprotocol the gateway answers with when a client offers it. */
    public static final String SUBPROTOCOL = "tickgate.v1";
    /** Prefix of the subprotocol value carrying a token. */
    public static final String SUBPROTOCOL_PREFIX = "bearer.";

    private static final String BEARER = "bearer ";

    private HandshakeToken() {
    }

    /** The token, or null when the handshake carries none. */
    public static String find(String requestUri, HttpHeaders headers) {
        String auth = headers == null ? null : headers.get(HttpHeaderNames.AUTHORIZATION);
        if (auth != null && auth.length() > BEARER.length()
                && auth.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return auth.substring(BEARER.length()).trim();
        }
        String protocols = headers == null ? null : headers.get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL);
        if (protocols != null) {
            for (String p : protocols.split(",")) {
                String v = p.trim();
                if (v.length() > SUBPROTOCOL_PREFIX.length() && v.startsWith(SUBPROTOCOL_PREFIX)) {
                    return v.substring(SUBPROTOCOL_PREFIX.length());
                }
            }
        }
        List<String> values = new QueryStringDecoder(requestUri).parameters().get("token");
        return values == null || values.isEmpty() || values.get(0).isEmpty() ? null : values.get(0);
    }
}
