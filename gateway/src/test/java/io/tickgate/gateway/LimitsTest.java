package io.tickgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickgate.gateway.protocol.CloseCodes;
import io.tickgate.gateway.testsupport.Events;
import io.tickgate.gateway.testsupport.GatewayFixture;
import io.tickgate.gateway.testsupport.TestWsClient;
import io.tickgate.gateway.testsupport.TestWsClient.CloseInfo;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Abuse handling: oversized frames, flooding, auth, pong timeout, slow consumers. Each closes with its code. */
@Timeout(60)
class LimitsTest {

    private GatewayFixture fx;

    @AfterEach
    void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void oversizedFrameGetsMessageTooLargeThenClose4009() {
        fx = GatewayFixture.start(b -> b.maxFrameBytes(1024));
        TestWsClient c = fx.connect();
        c.send("{\"type\":\"heartbeat\",\"pad\":\"" + "x".repeat(900) + "\"}");
        assertThat(c.next().path("type").asText()).as("under the limit is fine").isEqualTo("heartbeat");
        c.send("{\"type\":\"heartbeat\",\"pad\":\"" + "x".repeat(70_000) + "\"}");
        JsonNode err = c.next();
        assertThat(err.path("code").asText()).isEqualTo("MESSAGE_TOO_LARGE");
        assertThat(err.path("message").asText()).contains("1024");
        assertThat(c.awaitClose().code()).isEqualTo(CloseCodes.MESSAGE_TOO_LARGE);
    }

    @Test
    void compressedMessageInflatingPastTheLimitGetsMessageTooLargeThenClose4009() {
        fx = GatewayFixture.start(b -> b.maxFrameBytes(1024));
        TestWsClient c = fx.connectRaw("/ws", TestWsClient.options().compression(true));
        assertThat(c.next().path("type").asText()).isEqualTo("welcome");
        assertThat(c.negotiatedExtensions()).contains("permessage-deflate");
        // 978 bytes inflated: under the limit, close to it (Netty's inflater is given room above the limit)
        c.send("{\"type\":\"heartbeat\",\"pad\":\"" + "x".repeat(950) + "\"}");
        assertThat(c.next().path("type").asText()).as("under the limit is fine").isEqualTo("heartbeat");
        // ~1 MB of one repeated character compresses to about 1 KB on the wire, under the frame limit
        c.send("{\"type\":\"heartbeat\",\"pad\":\"" + "x".repeat(1_000_000) + "\"}");
        JsonNode err = c.next();
        assertThat(err.path("code").asText()).isEqualTo("MESSAGE_TOO_LARGE");
        assertThat(c.awaitClose().code()).isEqualTo(CloseCodes.MESSAGE_TOO_LARGE);
    }

    @Test
    void compressedMessageJustOverTheLimitGetsMessageTooLargeThenClose4009() {
        fx = GatewayFixture.start(b -> b.maxFrameBytes(1024));
        TestWsClient c = fx.connectRaw("/ws", TestWsClient.options().compression(true));
        assertThat(c.next().path("type").asText()).isEqualTo("welcome");
        // 1,128 bytes inflated: within what the inflater may hold, over the limit: refused all the same
        c.send("{\"type\":\"heartbeat\",\"pad\":\"" + "x".repeat(1100) + "\"}");
        JsonNode err = c.next();
        assertThat(err.path("code").asText()).isEqualTo("MESSAGE_TOO_LARGE");
        assertThat(err.path("message").asText()).contains("1024");
        assertThat(c.awaitClose().code()).isEqualTo(CloseCodes.MESSAGE_TOO_LARGE);
    }

    @Test
    void floodingGetsRateLimitedThenClose4029() {
        fx = GatewayFixture.start(b -> b.inboundRateLimit(10, 20));
        TestWsClient c = fx.connect();
        for (int i = 0; i < 200; i++) {
            c.sendNoFlush("{\"type\":\"heartbeat\",\"id\":\"" + i + "\"}");
        }
        c.flush();
        int heartbeats = 0;
        int limited = 0;
        for (;;) {
            JsonNode m = c.poll(Duration.ofSeconds(5));
            if (m == null) {
                break;
            }
            if (m.path("type").asText().equals("heartbeat")) {
                heartbeats++;
            } else if (m.path("code").asText().equals("RATE_LIMITED")) {
                limited++;
            }
            if (!c.isOpen() && c.pending() == 0) {
                break;
            }
        }
        assertThat(heartbeats).as("the burst is served").isBetween(20, 22);
        assertThat(limited).as("then RATE_LIMITED answers").isGreaterThanOrEqualTo(19);
        assertThat(c.awaitClose().code()).isEqualTo(CloseCodes.RATE_LIMITED);
        assertThat(fx.metric("tickgate_gateway_closes_total{code=\"4029\"}")).isEqualTo(1);
    }

    @Test
    void eachWildcardPatternOfASubscribeCountsAgainstTheRateLimit() {
        fx = GatewayFixture.start(b -> b.inboundRateLimit(1, 20)); // 1/s: nothing refills in time to matter
        fx.broker.publish(Events.trade("AAA", 1));
        fx.awaitHubCaughtUp();
        TestWsClient c = fx.connect();
        JsonNode heavy = subscribePatterns(c, "h", 21);
        assertThat(heavy.path("code").asText()).as(heavy.toString()).isEqualTo("RATE_LIMITED");
        assertThat(heavy.path("message").asText()).contains("21 patterns").contains("at most 20");
        // 15 patterns fit the burst (all or nothing: 14 match nothing), the next 15 do not
        JsonNode first = subscribePatterns(c, "a", 15);
        assertThat(first.path("code").asText()).as(first.toString()).isEqualTo("UNKNOWN_TOPIC");
        JsonNode second = subscribePatterns(c, "b", 15);
        assertThat(second.path("code").asText()).as(second.toString()).isEqualTo("RATE_LIMITED");
        assertThat(second.path("message").asText()).contains("counts as 15");
        assertThat(c.isOpen()).isTrue();
        c.send("{\"type\":\"subscribe\",\"id\":\"one\",\"topic\":\"sim.*.trade\"}");
        assertThat(c.next().path("type").asText()).as("one pattern weighs one message").isEqualTo("subscribed");
    }

    /** Sends a subscribe of {@code n} distinct patterns ({@code sim.*.trade} and {@code *.Pk.trade}); its answer. */
    private static JsonNode subscribePatterns(TestWsClient c, String id, int n) {
        StringBuilder topics = new StringBuilder("\"sim.*.trade\"");
        for (int k = 1; k < n; k++) {
            topics.append(",\"*.P").append(id.toUpperCase()).append(k).append(".trade\"");
        }
        c.send("{\"type\":\"subscribe\",\"id\":\"" + id + "\",\"topics\":[" + topics + "]}");
        return c.next();
    }

    @Test
    void slightlyOverTheRateGetsErrorsButStaysOpen() {
        fx = GatewayFixture.start(b -> b.inboundRateLimit(10, 5));
        TestWsClient c = fx.connect();
        for (int i = 0; i < 8; i++) {
            c.send("{\"type\":\"heartbeat\"}");
        }
        int limited = 0;
        for (int i = 0; i < 8; i++) {
            if (c.next().path("code").asText().equals("RATE_LIMITED")) {
                limited++;
            }
        }
        assertThat(limited).isBetween(1, 3);
        assertThat(c.isOpen()).isTrue();
    }

    @Test
    void silentClientIsPingedThenClosedWith4002() {
        fx = GatewayFixture.start(b -> b.heartbeatIntervalMillis(200).pongTimeoutMillis(600));
        TestWsClient silent = fx.connectRaw("/ws", TestWsClient.options().autoPong(false));
        TestWsClient alive = fx.connectRaw("/ws", TestWsClient.options());
        CloseInfo close = silent.awaitClose();
        assertThat(close.code()).isEqualTo(CloseCodes.PONG_TIMEOUT);
        assertThat(silent.pingsReceived()).isGreaterThanOrEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> alive.pingsReceived() >= 5);
        assertThat(alive.isOpen()).as("a client answering pings stays").isTrue();
    }

    @Test
    void slowConsumerIsClosedWith4008AndMemoryStaysBounded() {
        fx = GatewayFixture.start(b -> b.maxQueuedBytesPerConnection(64 * 1024));
        fx.broker.publish(Events.trade("AAA", 0));
        TestWsClient slow = fx.connect();
        slow.send("{\"type\":\"subscribe\",\"topic\":\"sim.AAA.trade\"}");
        slow.next();
        slow.next();
        slow.channel().config().setAutoRead(false);
        long id = 1;
        while (fx.metric("tickgate_gateway_slow_consumer_disconnects_total") < 1) {
            for (int i = 0; i < 2_000; i++) {
                fx.broker.publish(Events.trade("AAA", id++));
            }
            assertThat(id).as("slow consumer detected before 2M messages").isLessThan(2_000_000);
        }
        slow.channel().config().setAutoRead(true);
        assertThat(slow.awaitClose(Duration.ofSeconds(20)).code()).isEqualTo(CloseCodes.SLOW_CONSUMER);
    }

    @Test
    void invalidConfigIsRejectedWithTheSettingName() {
        assertThatThrownBy(() -> GatewayConfig.builder().pongTimeoutMillis(10).heartbeatIntervalMillis(20).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pongTimeoutMillis");
        assertThatThrownBy(() -> GatewayConfig.builder().port(70_000).build())
                .hasMessageContaining("port");
        assertThatThrownBy(() -> GatewayConfig.builder().writeDelayMillis(1_001).build())
                .hasMessageContaining("writeDelayMillis must be between 0 and 1000");
        assertThatThrownBy(() -> GatewayConfig.builder().writeDelayMillis(-1).build())
                .hasMessageContaining("writeDelayMillis");
    }
}
