package io.tickgate.gateway.publish;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.tickgate.gateway.http.ApiRequest;
import io.tickgate.gateway.http.ApiResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a request's API key ({@code Authorization: Bearer KEY} or {@code X-Api-Key: KEY}) against
 * {@link ApiConfig#keys()} in constant time. Loopback gets no exemption: these are admin actions any application
 * can script, so they always need a key.
 */
public final class ApiKeys {

    /** The header an API key may come in instead of {@code Authorization}. */
    public static final String HEADER = "X-Api-Key";

    private final List<byte[]> keys = new ArrayList<>();

    public ApiKeys(ApiConfig config) {
        for (String k : config.keys()) {
            keys.add(k.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Null when the request carries a valid key; else the answer: 403 (no keys configured) or 401. */
    public ApiResponse refusal(ApiRequest request) {
        if (keys.isEmpty()) {
            return ApiResponse.error(403, "this endpoint needs an API key and none is configured (gateway.api.keys)");
        }
        String given = given(request);
        if (given == null) {
            return ApiResponse.error(401, "API key required: Authorization: Bearer KEY or " + HEADER + ": KEY")
                    .withHeader("WWW-Authenticate", "Bearer realm=\"tickgate-api\"");
        }
        byte[] g = given.getBytes(StandardCharsets.UTF_8);
        boolean ok = false;
        for (byte[] k : keys) {
            ok |= MessageDigest.isEqual(g, k); // every key compared: the time says nothing about which matched
        }
        return ok ? null : ApiResponse.error(401, "API key not accepted")
                .withHeader("WWW-Authenticate", "Bearer realm=\"tickgate-api\", error=\"invalid_token\"");
    }

    private static String given(ApiRequest request) {
        String header = request.header(HEADER);
        if (header != null && !header.isBlank()) {
            return header.trim();
        }
        String auth = request.header(HttpHeaderNames.AUTHORIZATION);
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return auth.substring(7).trim();
        }
        return null;
    }
}
