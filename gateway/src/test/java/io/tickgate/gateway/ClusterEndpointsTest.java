package io.tickgate.gateway;

import static io.tickgate.gateway.PublishTest.KEY;
import static io.tickgate.gateway.PublishTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickgate.bus.testing.LoopbackPorts;
import io.tickgate.gateway.auth.AuthConfig;
import io.tickgate.gateway.ops.OpsConfig;
import io.tickgate.gateway.protocol.CloseCodes;
import io.tickgate.gateway.publish.ApiConfig;
import io.tickgate.gateway.testsupport.ApiCalls;
import io.tickgate.gateway.testsupport.Events;
import io.tickgate.gateway.testsupport.GatewayFixture;
import io.tickgate.gateway.testsupport.TestWsClient;
import io.tickgate.gateway.testsupport.Tokens;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The cluster endpoints of one gateway on the in-process broker (a cluster of one node), over real sockets. */
@Timeout(60)
class ClusterEndpointsTest {

    private GatewayFixture fx;

    @AfterEach
    void stop() {
        fx.close();
    }

    private void start(OpsConfig ops) {
        fx = GatewayFixture.start(b -> b.api(new ApiConfig(List.of(KEY), 1024)).ops(ops)
                .auth(AuthConfig.builder().enabled(true).required(false).secret(Tokens.SECRET).build()));
    }

    private TestWsClient user(String name) {
        TestWsClient c = fx.connectRaw("/ws", TestWsClient.options().header("Authorization",
                "Bearer " + Tokens.hs256(Tokens.claims(name, 300).claim("topics", List.of("**")))));
        assertThat(c.next().path("user").asText()).isEqualTo(name);
        return c;
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = fx.get(path);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return json(r.body());
    }

    @Test
    void nodesPresenceAndDisconnectOnOneNode() throws Exception {
        start(OpsConfig.DEFAULT);
        fx.broker.publish(Events.trade("A1", 1));
        TestWsClient alice = user("alice");
        TestWsClient alice2 = user("alice");
        TestWsClient bob = user("bob");
        alice.send("{\"type\":\"subscribe\",\"id\":\"s\",\"topic\":\"sim.A1.trade\"}");
        bob.send("{\"type\":\"subscribe\",\"id\":\"s\",\"topic\":\"sim.A1.trade\"}");
        assertThat(alice.next().path("type").asText()).isEqualTo("subscribed");
        assertThat(bob.next().path("type").asText()).isEqualTo("subscribed");
        assertThat(bob.next().path("type").asText()).isEqualTo("snapshot");

        JsonNode nodes = get("/api/v1/nodes");
        assertThat(nodes.size()).isEqualTo(1);
        assertThat(nodes.get(0).path("address").asText()).isEqualTo("127.0.0.1:" + fx.gateway.port());
        assertThat(nodes.get(0).path("connections").asInt()).isEqualTo(3);
        assertThat(nodes.get(0).path("self").asBoolean()).isTrue();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(get("/api/v1/presence?topic=sim.A1.trade").path("subscribers").asInt()).isEqualTo(2));
        assertThat(get("/api/v1/presence?user=alice").path("connections").size()).isEqualTo(2);

        HttpResponse<String> r = ApiCalls.post(fx.gateway.port(), "/api/v1/users/alice/disconnect", "", KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r.body()).path("nodesReached").asInt()).isEqualTo(1);
        assertThat(alice.awaitClose().code()).isEqualTo(CloseCodes.DISCONNECTED);
        assertThat(alice2.awaitClose().code()).isEqualTo(CloseCodes.DISCONNECTED);
        bob.send("{\"type\":\"heartbeat\"}");
        assertThat(bob.next().path("type").asText()).isEqualTo("heartbeat");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(get("/api/v1/presence?user=alice").path("connections").size()).isZero();
            assertThat(get("/api/v1/presence?topic=sim.A1.trade").path("subscribers").asInt()).isEqualTo(1);
        });
        assertThat(fx.metric("tickgate_gateway_closes_total{code=\"4010\"}")).isEqualTo(2);
        assertThat(ApiCalls.post(fx.gateway.port(), "/api/v1/users/bob/disconnect?reason=" + "x".repeat(101), "", KEY)
                .statusCode()).as("a reason too long for a close frame").isEqualTo(400);
    }

    @Test
    void aTopicAWildcardPickedUpCountsInPresenceAndAnAnonymousConnectionThatAuthenticatesIsTheUsers()
            throws Exception {
        start(OpsConfig.DEFAULT);
        fx.broker.publish(Events.trade("A1", 1));
        TestWsClient alice = user("alice");
        alice.send("{\"type\":\"subscribe\",\"id\":\"w\",\"topic\":\"sim.*.trade\"}");
        assertThat(alice.next().path("topic").asText()).isEqualTo("sim.A1.trade");
        fx.broker.publish(Events.trade("X9", 1)); // appears after the pattern: the live pattern picks it up
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(get("/api/v1/presence?topic=sim.X9.trade").path("subscribers").asInt()).isEqualTo(1));
        TestWsClient bob = user("bob");
        bob.send("{\"type\":\"subscribe\",\"id\":\"s\",\"topic\":\"sim.X9.trade\"}");
        assertThat(bob.next().path("type").asText()).isEqualTo("subscribed");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(get("/api/v1/presence?topic=sim.X9.trade").path("subscribers").asInt()).isEqualTo(2));
        alice.close();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                get("/api/v1/presence?topic=sim.X9.trade").path("subscribers").asInt()).as("bob's").isEqualTo(1));

        // anonymous (auth optional), then auth: the connection is carol's from then on
        TestWsClient anon = fx.connect();
        assertThat(get("/api/v1/presence?user=carol").path("connections").size()).isZero();
        anon.send("{\"type\":\"auth\",\"id\":\"a\",\"token\":\"" + Tokens.hs256(Tokens.claims("carol", 300))
                + "\"}");
        assertThat(anon.next().path("type").asText()).isEqualTo("refreshed");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(get("/api/v1/presence?user=carol").path("connections").size()).isEqualTo(1));
        assertThat(ApiCalls.post(fx.gateway.port(), "/api/v1/users/carol/disconnect", "", KEY).statusCode())
                .isEqualTo(200);
        assertThat(anon.awaitClose().code()).isEqualTo(CloseCodes.DISCONNECTED);
    }

    @Test
    void presenceEndpointsAreOpsEndpoints() {
        start(new OpsConfig(0, "127.0.0.1", "ops-token-0123456789"));
        assertThat(OpsConfig.isOpsPath("/api/v1/nodes")).isTrue();
        assertThat(OpsConfig.isOpsPath("/api/v1/presence")).isTrue();
        assertThat(OpsConfig.isOpsPath("/api/v1/publish")).as("API-key endpoints are not").isFalse();
        fx.close();
        // with a separate ops port they are gone from the gateway port
        start(new OpsConfig(LoopbackPorts.freePort(), "127.0.0.1", ""));
        assertThat(fx.get("/api/v1/nodes").statusCode()).isEqualTo(404);
        assertThat(fx.get("/api/v1/presence?user=x").statusCode()).isEqualTo(404);
        assertThat(ApiCalls.get(fx.gateway.opsPort(), "/api/v1/nodes").statusCode()).isEqualTo(200);
    }
}
