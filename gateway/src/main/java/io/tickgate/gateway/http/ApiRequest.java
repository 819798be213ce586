package io.tickgate.gateway.http;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One request to an API route, detached from Netty's buffers (safe to keep past the handler's return).
 *
 * @param method      the HTTP method
 * @param path        the decoded path, without the query
 * @param pathParams  the values of the route template's {@code {name}} segments
 * @param query       the query parameters (each name with its values in order)
 * @param headers     the request headers (a copy)
 * @param body        the request body (empty for none)
 */
public record ApiRequest(HttpMethod method, String path, Map<String, String> pathParams,
                         Map<String, List<String>> query, HttpHeaders headers, byte[] body) {

    public ApiRequest {
        pathParams = Map.copyOf(pathParams);
        query = Map.copyOf(query);
    }

    /** The first value of query parameter {@code name}, or null when absent. */
    public String param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The value of the route template's segment {@code {name}}, or null. */
    public String pathParam(String name) {
        return pathParams.get(name);
    }

    /** A request header's value, or null. */
    public String header(CharSequence name) {
        return headers.get(name);
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
