package io.tickgate.gateway.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an API route answers: a status, a body and extra headers. A body that is a {@code byte[]} is sent as it is
 * (with the {@code Content-Type} header the route sets); any other body is written as JSON (Jackson).
 */
public record ApiResponse(int status, Object body, Map<String, String> headers) {

    public ApiResponse {
        headers = Map.copyOf(headers);
    }

    /** 200 with {@code body} as JSON. */
    public static ApiResponse ok(Object body) {
        return new ApiResponse(200, body, Map.of());
    }

    /**
     * An error answer: {@code {"error": message}} with {@code status} (e.g. 400 naming the bad parameter, 401, 403,
     * 404, 503).
     */
    public static ApiResponse error(int status, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", message);
        return new ApiResponse(status, body, Map.of());
    }

    /** The same answer with one more header. */
    public ApiResponse withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new ApiResponse(status, body, h);
    }
}
