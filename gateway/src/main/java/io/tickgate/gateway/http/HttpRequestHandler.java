package io.tickgate.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.tickgate.gateway.health.Readiness;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plain HTTP on the WebSocket port: {@code GET /health}, {@code /ready}, {@code /metrics}, JSON routes
 * ({@code /api/v1/topics} and those added by other components), API routes (any method, answered when their
 * handler completes) and static files. Requests for {@code /ws} never get
 * here (the WebSocket handshake handler takes them). Anything else: a JSON 404; a method no route serves on the path: 405.
 */
@ChannelHandler.Sharable
public final class HttpRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(HttpRequestHandler.class);
    private static final String JSON = "application/json; charset=utf-8";
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpRoutes routes;
    private final StaticResources statics;
    private final ObjectMapper mapper = new ObjectMapper();

    public HttpRequestHandler(HttpRoutes routes, StaticResources statics) {
        this.routes = routes;
        this.statics = statics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (req.decoderResult().isFailure()) {
            // a request Netty could not read (a header line too long, bad chunking): the stream is lost after it
            send(ctx, json(HttpResponseStatus.BAD_REQUEST, error("malformed HTTP request: "
                    + req.decoderResult().cause().getMessage(), "")), false);
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        QueryStringDecoder uri = new QueryStringDecoder(req.uri());
        HttpRoutes.Match api = routes.apiRoute(req.method(), uri.path());
        if (api != null) {
            serveApi(ctx, req, uri, api, keepAlive);
            return;
        }
        FullHttpResponse res;
        try {
            res = respond(req, uri.path());
        } catch (RuntimeException e) {
            log.warn("HTTP {} {} failed", req.method(), req.uri(), e);
            res = json(HttpResponseStatus.INTERNAL_SERVER_ERROR, error("internal error", req.uri()));
        }
        send(ctx, res, keepAlive);
    }

    private void send(ChannelHandlerContext ctx, FullHttpResponse res, boolean keepAlive) {
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, res.content().readableBytes());
        res.headers().set(HttpHeaderNames.CONNECTION, keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
        ChannelFuture f = ctx.writeAndFlush(res);
        if (!keepAlive) {
            f.addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Runs an API route; its answer is written on the connection's event loop whenever it completes. */
    private void serveApi(ChannelHandlerContext ctx, FullHttpRequest req, QueryStringDecoder uri, HttpRoutes.Match api,
                          boolean keepAlive) {
        byte[] body = new byte[req.content().readableBytes()];
        req.content().getBytes(req.content().readerIndex(), body);
        ApiRequest request = new ApiRequest(req.method(), uri.path(), api.pathParams(), uri.parameters(),
                req.headers().copy(), body);
        CompletionStage<ApiResponse> answer;
        try {
            answer = api.handler().handle(request);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((res, failure) -> ctx.executor().execute(
                () -> send(ctx, apiResponse(request, res, failure), keepAlive)));
    }

    private FullHttpResponse apiResponse(ApiRequest req, ApiResponse res, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof IllegalArgumentException) {
            res = ApiResponse.error(400, cause.getMessage());
        } else if (cause != null || res == null) {
            log.warn("HTTP {} {} failed", req.method(), req.path(), cause);
            res = ApiResponse.error(500, "internal error");
        }
        HttpResponseStatus status = HttpResponseStatus.valueOf(res.status());
        FullHttpResponse out;
        try {
            out = res.body() instanceof byte[] bytes
                    ? new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes))
                    : json(status, res.body());
        } catch (RuntimeException e) {
            log.warn("HTTP {} {}: cannot write the answer", req.method(), req.path(), e);
            return json(HttpResponseStatus.INTERNAL_SERVER_ERROR, error("internal error", req.path()));
        }
        for (Map.Entry<String, String> h : res.headers().entrySet()) {
            out.headers().set(h.getKey(), h.getValue());
        }
        return out;
    }

    private FullHttpResponse respond(FullHttpRequest req, String path) {
        Set<String> apiMethods = routes.apiMethods(path);
        if (!apiMethods.isEmpty()) {
            FullHttpResponse res = json(HttpResponseStatus.METHOD_NOT_ALLOWED, error("method not allowed", path));
            res.headers().set(HttpHeaderNames.ALLOW, String.join(", ", apiMethods));
            return res;
        }
        if (!HttpMethod.GET.equals(req.method())) {
            FullHttpResponse res = json(HttpResponseStatus.METHOD_NOT_ALLOWED, error("method not allowed", path));
            res.headers().set(HttpHeaderNames.ALLOW, "GET");
            return res;
        }
        switch (path) {
            case "/health":
                return json(HttpResponseStatus.OK, Map.of("status", "UP"));
            case "/ready":
                return ready();
            case "/metrics":
                return text(HttpResponseStatus.OK, routes.registry().scrape(), PROMETHEUS_TEXT);
            default:
                break;
        }
        Supplier<?> route = routes.jsonRoute(path);
        if (route != null) {
            return json(HttpResponseStatus.OK, route.get());
        }
        Optional<StaticResources.Resource> file = statics.find(path);
        if (file.isPresent()) {
            FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.wrappedBuffer(file.get().content()));
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, file.get().contentType());
            res.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
            return res;
        }
        return json(HttpResponseStatus.NOT_FOUND, error("not found", path));
    }

    /**
     * 200 {@code {"status":"READY","checks":[..]}} (or {@code "DEGRADED"} with {@code "degraded":[{"check":..,
     * "reason":..}]} when only advisory checks fail), or 503 with {@code "failing":[..]} (and any degraded).
     */
    private FullHttpResponse ready() {
        List<Readiness.Failure> failing = routes.readiness().failures();
        List<Readiness.Failure> degraded = routes.readiness().degraded();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", !failing.isEmpty() ? "NOT_READY" : degraded.isEmpty() ? "READY" : "DEGRADED");
        if (failing.isEmpty()) {
            body.put("checks", routes.readiness().names());
        } else {
            body.put("failing", failing);
        }
        if (!degraded.isEmpty()) {
            body.put("degraded", degraded);
        }
        return json(failing.isEmpty() ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE, body);
    }

    private static Map<String, String> error(String message, String path) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("error", message);
        m.put("path", path);
        return m;
    }

    private FullHttpResponse json(HttpResponseStatus status, Object body) {
        byte[] bytes;
        try {
            bytes = mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize response: " + e.getOriginalMessage(), e);
        }
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, JSON);
        res.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        return res;
    }

    private static FullHttpResponse text(HttpResponseStatus status, String body, String contentType) {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(body.getBytes(StandardCharsets.UTF_8)));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        return res;
    }
}
