package io.tickgate.gateway;

import java.util.concurrent.CompletableFuture;
import java.util.LinkedHashMap;
import io.tickgate.gateway.http.ApiResponse;
import io.netty.handler.codec.http.HttpMethod;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickgate.gateway.testsupport.Events;
import io.tickgate.gateway.testsupport.GatewayFixture;
import io.tickgate.gateway.testsupport.TestWsClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** HTTP on the WebSocket port: health, ready, metrics, topics, added routes, static files. */
@Timeout(60)
class HttpEndpointsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static GatewayFixture fx;

    @BeforeAll
    static void start() {
        fx = GatewayFixture.start();
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @Test
    void health() throws Exception {
        HttpResponse<String> r = fx.get("/health");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(MAPPER.readTree(r.body()).path("status").asText()).isEqualTo("UP");
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> v.startsWith("application/json"));
    }

    @Test
    void readyListsTheFailingChecksWithTheirReasons() throws Exception {
        AtomicReference<String> problem = new AtomicReference<>();
        fx.gateway.readiness().register("test", problem::get);
        HttpResponse<String> ok = fx.get("/ready");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(MAPPER.readTree(ok.body()).path("checks").toString()).contains("\"hub\"", "\"test\"");
        problem.set("the test says no");
        HttpResponse<String> no = fx.get("/ready");
        assertThat(no.statusCode()).isEqualTo(503);
        JsonNode body = MAPPER.readTree(no.body());
        assertThat(body.path("status").asText()).isEqualTo("NOT_READY");
        assertThat(body.path("failing").toString()).isEqualTo("[{\"check\":\"test\",\"reason\":\"the test says no\"}]");
        fx.gateway.readiness().register("test", () -> {
            throw new IllegalStateException("broken check");
        });
        assertThat(fx.get("/ready").body()).contains("broken check");
        fx.gateway.readiness().register("test", () -> null);
        assertThat(fx.get("/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void anAdvisoryCheckDegradesTheNodeWithoutMakingItUnready() throws Exception {
        AtomicReference<String> problem = new AtomicReference<>();
        fx.gateway.readiness().registerAdvisory("history", problem::get);
        JsonNode fine = MAPPER.readTree(fx.get("/ready").body());
        assertThat(fine.path("status").asText()).isEqualTo("READY");
        assertThat(fine.path("checks").toString()).contains("\"history\"");
        problem.set("database down for 12 s");
        HttpResponse<String> degraded = fx.get("/ready");
        assertThat(degraded.statusCode()).as("still in the load balancer").isEqualTo(200);
        JsonNode body = MAPPER.readTree(degraded.body());
        assertThat(body.path("status").asText()).isEqualTo("DEGRADED");
        assertThat(body.path("degraded").toString())
                .isEqualTo("[{\"check\":\"history\",\"reason\":\"database down for 12 s\"}]");
        fx.gateway.readiness().register("required", () -> "the test says no");
        HttpResponse<String> both = fx.get("/ready");
        assertThat(both.statusCode()).isEqualTo(503);
        assertThat(MAPPER.readTree(both.body()).path("degraded")).hasSize(1);
        fx.gateway.readiness().register("history", problem::get);
        assertThat(MAPPER.readTree(fx.get("/ready").body()).path("failing").toString())
                .as("registered as required, the same check fails the node").contains("history");
        fx.gateway.readiness().register("required", () -> null); // the fixture is shared: leave every check passing
        fx.gateway.readiness().register("history", () -> null);
    }

    @Test
    void metricsArePrometheusText() {
        TestWsClient c = fx.connect();
        c.send("{\"type\":\"heartbeat\"}");
        c.next();
        HttpResponse<String> r = fx.get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> v.startsWith("text/plain"));
        assertThat(r.body()).contains("tickgate_gateway_connections", "tickgate_gateway_subscriptions",
                "tickgate_gateway_messages_in_total{type=\"heartbeat\"}", "tickgate_gateway_messages_out_total",
                "tickgate_gateway_errors_total", "tickgate_gateway_slow_consumer_disconnects_total",
                "tickgate_gateway_hub_queue_depth", "tickgate_gateway_fanout_latency_seconds");
        c.close();
    }

    @Test
    void topicsListsEpochSeqAndSubscribers() throws Exception {
        fx.broker.publish(Events.trade("TOP", 1));
        fx.broker.publish(Events.trade("TOP", 2));
        TestWsClient c = fx.connect();
        c.send("{\"type\":\"subscribe\",\"topic\":\"sim.TOP.trade\"}");
        c.next();
        c.next();
        JsonNode list = MAPPER.readTree(fx.get("/api/v1/topics").body());
        JsonNode top = null;
        for (JsonNode n : list) {
            if (n.path("topic").asText().equals("sim.TOP.trade")) {
                top = n;
            }
        }
        assertThat(top).isNotNull();
        assertThat(top.path("channel").asText()).isEqualTo("trade");
        assertThat(top.path("epoch").asText()).isEqualTo("ep1");
        assertThat(top.path("seq").asLong()).isEqualTo(2);
        assertThat(top.path("subscribers").asInt()).isEqualTo(1);
        c.close();
    }

    @Test
    void addedJsonRoutesAreServed() throws Exception {
        fx.gateway.addJsonRoute("/api/v1/feeds", () -> List.of(Map.of("venue", "sim", "state", "UP")));
        HttpResponse<String> r = fx.get("/api/v1/feeds?verbose=1");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(MAPPER.readTree(r.body()).get(0).path("venue").asText()).isEqualTo("sim");
    }

    @Test
    void staticFilesComeFromTheClasspathWithTheirContentType() {
        HttpResponse<String> index = fx.get("/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body()).contains("tickgate test dashboard");
        assertThat(index.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        HttpResponse<String> js = fx.get("/assets/app.js");
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("content-type")).hasValue("text/javascript; charset=utf-8");
    }

    @Test
    void unknownPathsAndTraversalAre404Json() throws Exception {
        for (String path : List.of("/nope.html", "/assets", "/..%2Fsecret.txt", "/%2e%2e/secret.txt",
                "/assets/../../secret.txt", "/.hidden.js")) {
            HttpResponse<String> r = fx.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.body()).doesNotContain("secret\n");
            assertThat(MAPPER.readTree(r.body()).path("error").asText()).isEqualTo("not found");
        }
    }

    @Test
    void plainHttpGetOnTheWebSocketPathIsABadRequest() {
        HttpResponse<String> r = fx.get("/ws");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(fx.get("/health").statusCode()).as("server unaffected").isEqualTo(200);
    }

    @Test
    void otherMethodsAre405() {
        HttpResponse<String> r = fx.request(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + fx.gateway.port() + "/health"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(r.statusCode()).isEqualTo(405);
    }

    @Test
    void apiRoutesGetPathQueryAndBodyAndAnswerWhenTheirHandlerCompletes() throws Exception {
        CompletableFuture<ApiResponse> later = new CompletableFuture<>();
        fx.gateway.addRoute(HttpMethod.POST, "/api/v1/echo/{id}/x", req -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", req.pathParam("id"));
            body.put("q", req.param("q"));
            body.put("body", req.bodyText());
            new Thread(() -> later.complete(ApiResponse.ok(body).withHeader("ETag", "\"e1\""))).start();
            return later;
        });
        HttpResponse<String> r = fx.request(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + fx.gateway.port() + "/api/v1/echo/42/x?q=a%20b"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"k\":1}")));
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode json = MAPPER.readTree(r.body());
        assertThat(json.path("id").asText()).isEqualTo("42");
        assertThat(json.path("q").asText()).isEqualTo("a b");
        assertThat(json.path("body").asText()).isEqualTo("{\"k\":1}");
        assertThat(r.headers().firstValue("etag")).hasValue("\"e1\"");
    }

    @Test
    void apiRoutesAnswer400ForIllegalArguments405ForOtherMethodsAnd500ForFailures() throws Exception {
        fx.gateway.addRoute(HttpMethod.GET, "/api/v1/checked", req -> {
            if (req.param("limit") == null) {
                throw new IllegalArgumentException("limit is required");
            }
            return CompletableFuture.failedFuture(new IllegalStateException("database down"));
        });
        HttpResponse<String> bad = fx.get("/api/v1/checked");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(MAPPER.readTree(bad.body()).path("error").asText()).isEqualTo("limit is required");
        HttpResponse<String> failed = fx.get("/api/v1/checked?limit=1");
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.body()).doesNotContain("database down");
        HttpResponse<String> post = fx.request(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + fx.gateway.port() + "/api/v1/checked"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("allow")).hasValue("GET");
        assertThat(fx.get("/api/v1/checked/more").statusCode()).isEqualTo(404);
    }

    @Test
    void pipelinedRequestsAreAnsweredInTheirOrderEvenWhenTheFirstIsSlow() throws Exception {
        fx.gateway.addRoute(io.netty.handler.codec.http.HttpMethod.GET, "/api/v1/test/slow",
                req -> java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> io.tickgate.gateway.http.ApiResponse.ok(java.util.Map.of("answer", "slow")),
                        java.util.concurrent.CompletableFuture.delayedExecutor(300,
                                java.util.concurrent.TimeUnit.MILLISECONDS)));
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", fx.gateway.port())) {
            s.setSoTimeout(10_000);
            String two = "GET /api/v1/test/slow HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                    + "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
            s.getOutputStream().write(two.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            java.io.DataInputStream in = new java.io.DataInputStream(s.getInputStream());
            assertThat(readBody(in)).as("first answer").contains("\"answer\":\"slow\"");
            assertThat(readBody(in)).as("second answer").contains("\"UP\"");
        }
    }

    /** Reads one HTTP/1.1 answer with a Content-Length; its body. */
    private static String readBody(java.io.DataInputStream in) throws java.io.IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.readUnsignedByte());
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        assertThat(m.find()).as(head.toString()).isTrue();
        byte[] body = new byte[Integer.parseInt(m.group(1))];
        in.readFully(body);
        return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }
}
