package io.tickgate.gateway.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickgate.gateway.http.ApiHandler;
import io.tickgate.gateway.http.ApiRequest;
import io.tickgate.gateway.http.ApiResponse;
import io.tickgate.gateway.protocol.ErrorCode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code POST /api/v1/publish} with {@code {"topic":"custom.signals.alpha","data":{...}}} and an API key: 202
 * {@code {"topic":..,"accepted":true}} once the broker took the message (its seq is assigned there; subscribers get
 * it as {@code data}). Errors: 401/403 key, 400 bad JSON or topic ({@code code} INVALID_JSON, INVALID_TOPIC), 403 a
 * market topic (FORBIDDEN), 413 data too large (MESSAGE_TOO_LARGE), 503 broker queue full or store unreachable
 * (UNAVAILABLE).
 */
public final class PublishApi implements ApiHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApiKeys keys;
    private final Publishing publishing;

    public PublishApi(ApiKeys keys, Publishing publishing) {
        this.keys = keys;
        this.publishing = publishing;
    }

    @Override
    public CompletionStage<ApiResponse> handle(ApiRequest request) {
        ApiResponse refused = keys.refusal(request);
        if (refused != null) {
            publishing.rejected("api");
            return CompletableFuture.completedFuture(refused);
        }
        return CompletableFuture.completedFuture(publish(request));
    }

    private ApiResponse publish(ApiRequest request) {
        JsonNode body;
        try {
            body = JSON.readTree(request.body());
        } catch (IOException | RuntimeException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            publishing.rejected("api");
            return error(ErrorCode.INVALID_JSON, "the body must be a JSON object {\"topic\":..,\"data\":{..}}");
        }
        JsonNode topic = body.get("topic");
        if (topic == null || !topic.isTextual()) {
            publishing.rejected("api");
            return error(ErrorCode.INVALID_TOPIC, "publish needs \"topic\" (a string)");
        }
        Publishing.Outcome o = Publishing.topic(topic.textValue());
        if (o.accepted()) {
            JsonNode data = body.get("data");
            o = publishing.publish(o.topic(), data == null ? null : data.toString(), "api", "api");
        } else {
            publishing.rejected("api");
        }
        if (!o.accepted()) {
            return error(o.error(), o.message());
        }
        Map<String, Object> ok = new LinkedHashMap<>();
        ok.put("topic", o.topic().toString());
        ok.put("accepted", true);
        return new ApiResponse(202, ok, Map.of());
    }

    /** {@code {"error":message,"code":CODE}} with the code's HTTP status. */
    static ApiResponse error(ErrorCode code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("code", code.name());
        return new ApiResponse(status(code), body, Map.of());
    }

    private static int status(ErrorCode code) {
        switch (code) {
            case FORBIDDEN:
                return 403;
            case MESSAGE_TOO_LARGE:
                return 413;
            case UNAVAILABLE:
                return 503;
            default:
                return 400;
        }
    }
}
