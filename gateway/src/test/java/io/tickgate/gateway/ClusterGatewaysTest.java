package io.tickgate.gateway;

import static io.tickgate.gateway.PublishTest.KEY;
import static io.tickgate.gateway.PublishTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.tickgate.bus.Brokers;
import io.tickgate.bus.api.Broker;
import io.tickgate.bus.api.BrokerSettings;
import io.tickgate.bus.testing.RedisExtension;
import io.tickgate.gateway.auth.AuthConfig;
import io.tickgate.gateway.auth.TopicAcl;
import io.tickgate.gateway.protocol.CloseCodes;
import io.tickgate.gateway.publish.ApiConfig;
import io.tickgate.gateway.testsupport.ApiCalls;
import io.tickgate.gateway.testsupport.TestWsClient;
import io.tickgate.gateway.testsupport.Tokens;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two gateway nodes, each with its own Redis broker on one test-owned Redis, over real sockets: the registry sees
 * both, a message published on one node reaches subscribers on the other, and a user is disconnected on every node.
 */
@Timeout(90)
class ClusterGatewaysTest {

    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.standalone();
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final List<AutoCloseable> open = new ArrayList<>();
    private EventLoopGroup group;
    private Gateway a;
    private Gateway b;

    @BeforeEach
    void start() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        a = node();
        b = node();
    }

    private Gateway node() {
        Broker broker = Brokers.open(REDIS.url(), BrokerSettings.defaults(), new SimpleMeterRegistry());
        await().atMost(WAIT).until(broker::ready);
        Gateway g = Gateway.start(GatewayConfig.builder().host("127.0.0.1").port(0)
                .api(new ApiConfig(List.of(KEY), 4096))
                .auth(AuthConfig.builder().enabled(true).required(false).secret(Tokens.SECRET)
                        .anonymous(TopicAcl.of(List.of("**"), List.of("custom.**"))).build())
                .build(), broker, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        open.add(0, broker); // closed after its gateway
        open.add(0, g);
        return g;
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        group.shutdownGracefully(0, 200, TimeUnit.MILLISECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }

    private TestWsClient connect(Gateway g, String user) {
        TestWsClient.Options o = TestWsClient.options();
        if (user != null) {
            o.header("Authorization", "Bearer " + Tokens.hs256(Tokens.claims(user, 300).claim("topics",
                    List.of("**"))));
        }
        TestWsClient c = TestWsClient.connect(group, URI.create("ws://127.0.0.1:" + g.port() + "/ws"), o);
        open.add(0, c);
        assertThat(c.next().path("type").asText()).isEqualTo("welcome");
        return c;
    }

    private static HttpResponse<String> publish(Gateway g, String topic, String data) {
        return ApiCalls.post(g.port(), "/api/v1/publish", "{\"topic\":\"" + topic + "\",\"data\":" + data + "}",
                KEY);
    }

    private static JsonNode getJson(Gateway g, String path) throws Exception {
        HttpResponse<String> r = ApiCalls.get(g.port(), path);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return json(r.body());
    }

    /** Subscribes on a node that may not have seen the topic's first messages: waits for it to know the topic. */
    private void subscribe(Gateway g, TestWsClient c, String topic) {
        await().atMost(WAIT).until(() -> getJson(g, "/api/v1/topics").toString().contains(topic));
        c.send("{\"type\":\"subscribe\",\"id\":\"s\",\"topic\":\"" + topic + "\"}");
        JsonNode refused = c.poll(Duration.ofMillis(100));
        assertThat(refused == null || !"error".equals(refused.path("type").asText())).as("%s", refused).isTrue();
    }

    /** Publishes {"v":i} (i = 1, 2, ...) until the client has received one of them; returns the data it got. */
    private static JsonNode receiveWhilePublishing(Gateway on, String topic, TestWsClient c) {
        for (int i = 1; i <= 50; i++) {
            assertThat(publish(on, topic, "{\"v\":" + i + "}").statusCode()).isEqualTo(202);
            JsonNode m;
            while ((m = c.poll(Duration.ofMillis(200))) != null) {
                if (m.has("data") && m.path("data").has("v")) {
                    return m;
                }
            }
        }
        throw new AssertionError("nothing of " + topic + " arrived");
    }

    @Test
    void theRegistrySeesBothNodesTheirUsersAndSubscribers() throws Exception {
        await().atMost(WAIT).until(() -> getJson(a, "/api/v1/nodes").size() == 2);
        JsonNode nodes = getJson(b, "/api/v1/nodes");
        assertThat(nodes.findValuesAsText("address")).containsExactlyInAnyOrder("127.0.0.1:" + a.port(),
                "127.0.0.1:" + b.port());
        assertThat(nodes.findValues("self").stream().filter(JsonNode::asBoolean).count()).isEqualTo(1);

        publish(a, "custom.signals.alpha", "{\"v\":0}");
        TestWsClient onA = connect(a, "alice");
        TestWsClient onB = connect(b, "alice");
        connect(b, null);
        subscribe(a, onA, "custom.signals.alpha");
        subscribe(b, onB, "custom.signals.alpha");
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            JsonNode p = getJson(a, "/api/v1/presence?topic=custom.signals.alpha");
            assertThat(p.path("subscribers").asLong()).as(p.toString()).isEqualTo(2);
            assertThat(p.path("nodes").size()).isEqualTo(2);
            JsonNode u = getJson(b, "/api/v1/presence?user=alice");
            assertThat(u.path("connections").size()).as(u.toString()).isEqualTo(2);
            assertThat(u.path("connections").findValuesAsText("node")).doesNotHaveDuplicates();
        });
        assertThat(ApiCalls.get(a.port(), "/api/v1/presence").statusCode()).isEqualTo(400);
        assertThat(ApiCalls.get(a.port(), "/api/v1/presence?topic=nope").statusCode()).isEqualTo(400);

        b.close(); // a clean shutdown: gone from the registry at once, long before its TTL (6 s) could expire it
        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
            assertThat(getJson(a, "/api/v1/nodes").findValuesAsText("address"))
                    .containsExactly("127.0.0.1:" + a.port());
            assertThat(getJson(a, "/api/v1/presence?user=alice").path("connections").size()).isEqualTo(1);
        });
    }

    @Test
    void messagesPublishedOnOneNodeReachSubscribersOnTheOther() throws Exception {
        publish(a, "custom.signals.alpha", "{\"v\":0}");
        TestWsClient onB = connect(b, null);
        subscribe(b, onB, "custom.signals.alpha");
        JsonNode got = receiveWhilePublishing(a, "custom.signals.alpha", onB);
        assertThat(got.path("topic").asText()).isEqualTo("custom.signals.alpha");

        // and a client's publish on B reaches a subscriber on A
        TestWsClient pubOnB = connect(b, null);
        pubOnB.send("{\"type\":\"publish\",\"id\":\"p\",\"topic\":\"custom.chat.room\",\"data\":{\"hello\":0}}");
        assertThat(pubOnB.next().path("type").asText()).isEqualTo("published");
        TestWsClient onA = connect(a, null);
        subscribe(a, onA, "custom.chat.room");
        for (int i = 1; i <= 50; i++) {
            pubOnB.send("{\"type\":\"publish\",\"id\":\"p" + i
                    + "\",\"topic\":\"custom.chat.room\",\"data\":{\"hello\":" + i + "}}");
            assertThat(pubOnB.next().path("type").asText()).isEqualTo("published");
            JsonNode m = onA.poll(Duration.ofMillis(300));
            while (m != null && !m.path("data").has("hello")) {
                m = onA.poll(Duration.ofMillis(300));
            }
            if (m != null) {
                return; // a message published by a client of B, as data or in A's snapshot
            }
        }
        throw new AssertionError("no message of custom.chat.room reached node A");
    }

    @Test
    void disconnectingAUserClosesTheirConnectionsOnEveryNode() throws Exception {
        TestWsClient aliceOnA = connect(a, "alice");
        TestWsClient aliceOnB = connect(b, "alice");
        TestWsClient bobOnB = connect(b, "bob");
        await().atMost(WAIT).ignoreExceptions().until(() ->
                getJson(a, "/api/v1/presence?user=alice").path("connections").size() == 2);

        assertThat(ApiCalls.post(a.port(), "/api/v1/users/alice/disconnect", "", null).statusCode()).isEqualTo(401);
        HttpResponse<String> r = ApiCalls.post(a.port(), "/api/v1/users/alice/disconnect?reason=banned", "", KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r.body()).path("connections").asInt()).isEqualTo(2);

        assertThat(aliceOnA.awaitClose(WAIT)).isEqualTo(new TestWsClient.CloseInfo(CloseCodes.DISCONNECTED,
                "banned"));
        assertThat(aliceOnB.awaitClose(WAIT).code()).isEqualTo(CloseCodes.DISCONNECTED);
        bobOnB.send("{\"type\":\"heartbeat\"}");
        assertThat(bobOnB.next().path("type").asText()).as("other users stay").isEqualTo("heartbeat");
        await().atMost(WAIT).ignoreExceptions().until(() ->
                getJson(b, "/api/v1/presence?user=alice").path("connections").isEmpty());
    }
}
