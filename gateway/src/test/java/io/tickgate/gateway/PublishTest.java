package io.tickgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickgate.gateway.auth.AuthConfig;
import io.tickgate.gateway.auth.TopicAcl;
import io.tickgate.gateway.publish.ApiConfig;
import io.tickgate.gateway.testsupport.ApiCalls;
import io.tickgate.gateway.testsupport.Events;
import io.tickgate.gateway.testsupport.GatewayFixture;
import io.tickgate.gateway.testsupport.TestWsClient;
import io.tickgate.gateway.testsupport.Tokens;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Custom messages over real sockets on one gateway (in-process broker): published by the API (with a key) and by a
 * permitted client, delivered like any topic; every bad request answered clearly, the connection kept.
 */
@Timeout(60)
class PublishTest {

    static final String KEY = "test-api-key-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private GatewayFixture fx;

    @BeforeEach
    void start() {
        // auth on but optional: tokens name users; anonymous clients may publish to custom.signals.* only
        fx = GatewayFixture.start(b -> b.api(new ApiConfig(List.of(KEY), 256)).auth(AuthConfig.builder()
                .enabled(true).required(false).secret(Tokens.SECRET)
                .anonymous(TopicAcl.of(List.of("**"), List.of("custom.signals.*"))).build()));
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private HttpResponse<String> publish(String body, String key) {
        return ApiCalls.post(fx.gateway.port(), "/api/v1/publish", body, key);
    }

    static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void apiPublishesAreSequencedAndDeliveredToSubscribers() throws Exception {
        HttpResponse<String> r = publish("{\"topic\":\"custom.signals.alpha\",\"data\":{\"v\":1}}", KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        assertThat(json(r.body()).path("topic").asText()).isEqualTo("custom.signals.alpha");
        fx.awaitHubCaughtUp();

        TestWsClient c = fx.connect();
        c.send("{\"type\":\"subscribe\",\"id\":\"s\",\"topic\":\"custom.signals.alpha\"}");
        JsonNode sub = c.next();
        assertThat(sub.path("type").asText()).as(sub.toString()).isEqualTo("subscribed");
        assertThat(sub.path("seq").asLong()).isEqualTo(1);
        JsonNode snap = c.next();
        assertThat(snap.path("type").asText()).isEqualTo("snapshot");
        assertThat(snap.path("data")).as("the snapshot is the last message").isEqualTo(json("{\"v\":1}"));

        assertThat(publish("{\"topic\":\"custom.signals.alpha\",\"data\":{\"v\":2,\"s\":\"é\"}}", KEY)
                .statusCode()).isEqualTo(202);
        JsonNode data = c.next();
        assertThat(data.path("type").asText()).isEqualTo("data");
        assertThat(data.path("seq").asLong()).isEqualTo(2);
        assertThat(data.path("data")).isEqualTo(json("{\"v\":2,\"s\":\"é\"}"));

        // resume from history
        TestWsClient late = fx.connect();
        late.send("{\"type\":\"subscribe\",\"id\":\"r\",\"topic\":\"custom.signals.alpha\",\"resume\":{\"epoch\":\""
                + sub.path("epoch").asText() + "\",\"seq\":1}}");
        JsonNode resumed = late.next();
        assertThat(resumed.path("resumed").asBoolean()).as(resumed.toString()).isTrue();
        assertThat(late.next().path("data")).isEqualTo(json("{\"v\":2,\"s\":\"é\"}"));
        assertThat(fx.metric("tickgate_gateway_published_total{from=\"api\",outcome=\"accepted\"}")).isEqualTo(2);
    }

    @Test
    void aPermittedClientPublishesAndOthersReceiveIt() throws Exception {
        fx.broker.publish(Events.trade("A1", 1));
        publish("{\"topic\":\"custom.signals.beta\",\"data\":{\"n\":0}}", KEY);
        fx.awaitHubCaughtUp();
        TestWsClient sub = fx.connect();
        sub.send("{\"type\":\"subscribe\",\"id\":\"s\",\"topic\":\"custom.signals.beta\"}");
        sub.next();
        sub.next();

        TestWsClient pub = fx.connect();
        pub.send("{\"type\":\"publish\",\"id\":\"p1\",\"topic\":\"custom.signals.beta\",\"data\":{\"n\":1}}");
        JsonNode ack = pub.next();
        assertThat(ack.path("type").asText()).as(ack.toString()).isEqualTo("published");
        assertThat(ack.path("id").asText()).isEqualTo("p1");
        JsonNode got = sub.next();
        assertThat(got.path("seq").asLong()).isEqualTo(2);
        assertThat(got.path("data")).isEqualTo(json("{\"n\":1}"));
    }

    @Test
    void badClientPublishesGetClearErrorsAndTheConnectionLivesOn() {
        TestWsClient c = fx.connect();
        expectError(c, "{\"type\":\"publish\",\"id\":\"1\",\"topic\":\"custom.other.x\",\"data\":{}}", "FORBIDDEN",
                "not allowed");
        expectError(c, "{\"type\":\"publish\",\"id\":\"2\",\"topic\":\"sim.AAPL.trade\",\"data\":{}}", "FORBIDDEN",
                "market data topic");
        expectError(c, "{\"type\":\"publish\",\"id\":\"3\",\"topic\":\"custom.signals.a\",\"data\":5}", "INVALID_JSON",
                "JSON object");
        expectError(c, "{\"type\":\"publish\",\"id\":\"4\",\"topic\":\"custom.signals.a\"}", "INVALID_JSON",
                "JSON object");
        expectError(c, "{\"type\":\"publish\",\"id\":\"5\",\"topic\":\"custom.signals\",\"data\":{}}",
                "INVALID_TOPIC", "");
        expectError(c, "{\"type\":\"publish\",\"id\":\"6\",\"topic\":\"custom.signals.a\",\"data\":{\"x\":\""
                + "y".repeat(300) + "\"}}", "MESSAGE_TOO_LARGE", "256 bytes");
        c.send("{\"type\":\"heartbeat\",\"id\":\"h\"}");
        assertThat(c.next().path("type").asText()).isEqualTo("heartbeat");
        assertThat(fx.broker.topics()).as("nothing was published").isEmpty();
    }

    private static void expectError(TestWsClient c, String send, String code, String text) {
        c.send(send);
        JsonNode e = c.next();
        assertThat(e.path("type").asText()).as(send + " -> " + e).isEqualTo("error");
        assertThat(e.path("code").asText()).as(send + " -> " + e).isEqualTo(code);
        assertThat(e.path("message").asText()).contains(text);
    }

    @Test
    void badApiPublishesGetClearErrors() throws Exception {
        String ok = "{\"topic\":\"custom.signals.alpha\",\"data\":{}}";
        assertStatus(publish(ok, null), 401, "API key required");
        assertStatus(publish(ok, "wrong-key-0123456789"), 401, "not accepted");
        assertStatus(publish("{not json", KEY), 400, "JSON object");
        assertStatus(publish("{\"data\":{}}", KEY), 400, "topic");
        assertStatus(publish("{\"topic\":\"sim.AAPL.trade\",\"data\":{}}", KEY), 403, "market data topic");
        assertStatus(publish("{\"topic\":\"custom.signals.alpha\",\"data\":[1]}", KEY), 400, "JSON object");
        assertStatus(publish("{\"topic\":\"custom.signals.alpha\",\"data\":{\"x\":\"" + "y".repeat(300) + "\"}}",
                KEY), 413, "larger than 256");
        assertThat(json(publish("{\"topic\":\"custom.x\",\"data\":{}}", KEY).body()).path("code").asText())
                .isEqualTo("INVALID_TOPIC");
        assertThat(fx.broker.topics()).isEmpty();
        assertThat(fx.metric("tickgate_gateway_published_total{from=\"api\",outcome=\"rejected\"}")).isEqualTo(8);
    }

    static void assertStatus(HttpResponse<String> r, int status, String text) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.body()).contains(text);
    }

    @Test
    void withoutConfiguredKeysTheApiRefusesEveryone() {
        fx.close();
        fx = GatewayFixture.start(b -> b);
        assertStatus(publish("{\"topic\":\"custom.signals.alpha\",\"data\":{}}", KEY), 403, "gateway.api.keys");
        assertStatus(ApiCalls.post(fx.gateway.port(), "/api/v1/users/alice/disconnect", "", KEY), 403,
                "gateway.api.keys");
    }

    @Test
    void aPersonalInboxIsOnlyItsOwnersAndTheApiWritesToIt() throws Exception {
        TestWsClient alice = fx.connectRaw("/ws", TestWsClient.options()
                .header("Authorization", "Bearer " + Tokens.hs256(Tokens.claims("alice", 300))));
        assertThat(alice.next().path("user").asText()).isEqualTo("alice");
        TestWsClient bob = fx.connectRaw("/ws", TestWsClient.options()
                .header("Authorization", "Bearer " + Tokens.hs256(Tokens.claims("bob", 300))));
        bob.next();
        bob.send("{\"type\":\"subscribe\",\"id\":\"x\",\"topic\":\"user.alice.inbox\"}");
        JsonNode refused = bob.next();
        assertThat(refused.path("code").asText()).as(refused.toString()).isEqualTo("FORBIDDEN");
        assertThat(refused.path("message").asText()).contains("only user alice");

        // accepted before the first message: subscribed and the snapshot come with it
        alice.send("{\"type\":\"subscribe\",\"id\":\"in\",\"topic\":\"user.alice.inbox\"}");
        assertThat(alice.poll(java.time.Duration.ofMillis(200))).isNull();
        assertThat(publish("{\"topic\":\"user.alice.inbox\",\"data\":{\"msg\":\"hi\"}}", KEY).statusCode())
                .isEqualTo(202);
        JsonNode sub = alice.next();
        assertThat(sub.path("type").asText()).as(sub.toString()).isEqualTo("subscribed");
        assertThat(alice.next().path("data")).isEqualTo(json("{\"msg\":\"hi\"}"));
        publish("{\"topic\":\"user.alice.inbox\",\"data\":{\"msg\":\"2\"}}", KEY);
        assertThat(alice.next().path("data")).isEqualTo(json("{\"msg\":\"2\"}"));
        // and clients may not write to it without a grant
        expectError(bob, "{\"type\":\"publish\",\"id\":\"p\",\"topic\":\"user.alice.inbox\",\"data\":{}}",
                "FORBIDDEN", "not allowed");
    }

    @Test
    void aWildcardNeverReachesAnotherUsersInboxNotEvenWithAnAllTopicsGrant() throws Exception {
        TestWsClient alice = fx.connectRaw("/ws", TestWsClient.options().header("Authorization", "Bearer "
                + Tokens.hs256(Tokens.claims("alice", 300).claim("topics", List.of("**")))));
        alice.next();
        TestWsClient bob = fx.connectRaw("/ws", TestWsClient.options()
                .header("Authorization", "Bearer " + Tokens.hs256(Tokens.claims("bob", 300))));
        bob.next();
        bob.send("{\"type\":\"subscribe\",\"id\":\"b\",\"topic\":\"user.bob.inbox\"}"); // declares it
        alice.send("{\"type\":\"subscribe\",\"id\":\"a\",\"topic\":\"user.alice.inbox\"}");
        fx.awaitHubCaughtUp();
        // bob's inbox exists when the pattern is expanded, carol's appears after it: the live pattern sees both
        alice.send("{\"type\":\"subscribe\",\"id\":\"w\",\"topic\":\"user.*.inbox\"}");
        TestWsClient carol = fx.connectRaw("/ws", TestWsClient.options()
                .header("Authorization", "Bearer " + Tokens.hs256(Tokens.claims("carol", 300))));
        carol.next();
        carol.send("{\"type\":\"subscribe\",\"id\":\"c\",\"topic\":\"user.carol.inbox\"}");
        fx.awaitHubCaughtUp();
        Thread.sleep(300); // a live pattern's later topics are picked up within about 100 ms
        for (String user : List.of("bob", "carol", "alice")) {
            assertThat(publish("{\"topic\":\"user." + user + ".inbox\",\"data\":{\"to\":\"" + user + "\"}}",
                    KEY).statusCode()).isEqualTo(202);
        }
        assertThat(bob.next().path("topic").asText()).isEqualTo("user.bob.inbox");
        assertThat(carol.next().path("topic").asText()).isEqualTo("user.carol.inbox");
        // bob's and carol's messages were handed out: anything of theirs for alice is queued before this one
        publish("{\"topic\":\"user.alice.inbox\",\"data\":{\"end\":true}}", KEY);
        java.util.List<JsonNode> got = new java.util.ArrayList<>();
        for (JsonNode m = alice.next(); !m.path("data").path("end").asBoolean(); m = alice.next()) {
            got.add(m);
        }
        assertThat(got).as("alice's messages").isNotEmpty();
        assertThat(fx.get("/api/v1/topics").body()).as("the public topic list names no inbox").doesNotContain("user.");
        assertThat(got).extracting(m -> m.path("topic").asText()).containsOnly("user.alice.inbox");
    }
}
