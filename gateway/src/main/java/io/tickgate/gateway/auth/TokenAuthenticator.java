package io.tickgate.gateway.auth;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves a WebSocket handshake to permissions. The token comes from {@code ?token=} or
 * {@code Authorization: Bearer <token>}. With no tokens configured every client gets the anonymous permissions.
 */
public final class TokenAuthenticator {

    private static final String BEARER = "bearer ";

    private final Map<String, Set<Permission>> tokens;
    private final Set<Permission> anonymous;

    public TokenAuthenticator(Map<String, Set<Permission>> tokens, Set<Permission> anonymous) {
        this.tokens = Map.copyOf(tokens);
        this.anonymous = Set.copyOf(anonymous);
    }

    /** True when a token is required. */
    public boolean required() {
        return !tokens.isEmpty();
    }

    /**
     * The permissions of a handshake, or null when authentication is required and the token is missing or unknown.
     */
    public Set<Permission> authenticate(String requestUri, HttpHeaders headers) {
        if (!required()) {
            return anonymous;
        }
        String token = token(requestUri, headers);
        return token == null ? null : tokens.get(token);
    }

    static String token(String requestUri, HttpHeaders headers) {
        String auth = headers == null ? null : headers.get(HttpHeaderNames.AUTHORIZATION);
        if (auth != null && auth.length() > BEARER.length() && auth.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return auth.substring(BEARER.length()).trim();
        }
        List<String> values = new QueryStringDecoder(requestUri).parameters().get("token");
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
