package io.tickgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickgate.gateway.auth.AuthConfig;
import io.tickgate.gateway.auth.TopicAcl;
import io.tickgate.gateway.protocol.CloseCodes;
import io.tickgate.gateway.testsupport.GatewayFixture;
import io.tickgate.gateway.testsupport.TestWsClient;
import io.tickgate.gateway.testsupport.TestWsClient.CloseInfo;
import io.tickgate.gateway.testsupport.Tokens;
import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.PriceLevel;
import io.tickgate.model.event.Side;
import io.tickgate.model.event.Trade;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** JWT authentication and the topic ACL over real sockets, with tokens minted here (HS256, RS256, ES256). */
@Timeout(60)
class AuthTest {

    private static Tokens tokens;
    @TempDir
    Path dir;
    private GatewayFixture fx;

    @BeforeAll
    static void keys() {
        tokens = new Tokens();
    }

    @AfterEach
    void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    private void start(UnaryOperator<AuthConfig.Builder> auth) {
        Path jwks = Tokens.writeJwks(dir.resolve("jwks.json"), List.of(tokens.ec));
        AuthConfig config = auth.apply(AuthConfig.builder().enabled(true).secret(Tokens.SECRET)
                .publicKeyPem(tokens.writeRsaPem(dir)).jwksFile(jwks).audience("tickgate")
                .authTimeoutMillis(500)).build();
        fx = GatewayFixture.start(b -> b.auth(config));
        fx.broker.publish(new Trade("binance", "BTCUSDT", "1", Decimal.parse("100"), Decimal.parse("1"), Side.BUY,
                1_700_000_000_000L));
        fx.broker.publish(new BookSnapshot("okx", "BTC-USDT", List.of(PriceLevel.of("99", "1")),
                List.of(PriceLevel.of("101", "1")), 1, 1_700_000_000_000L));
    }

    private static com.nimbusds.jwt.JWTClaimsSet.Builder claims(String sub, long expiresIn) {
        return Tokens.claims(sub, expiresIn).audience("tickgate").claim("topics", List.of("binance.*.trade"));
    }

    private TestWsClient bearer(String token) {
        return fx.connectRaw("/ws", TestWsClient.options().header("Authorization", "Bearer " + token));
    }

    private static JsonNode welcome(TestWsClient c) {
        JsonNode w = c.next();
        assertThat(w.path("type").asText()).as(w.toString()).isEqualTo("welcome");
        return w;
    }

    @Test
    void everyBadTokenIsRefusedWith4001AndItsReasonAndCounted() {
        start(b -> b);
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("algorithm not allowed", Tokens.none(claims("m", 60)));
        bad.put("bad signature", tokens.hs256WithRsaPublicKey(claims("m", 60)));
        bad.put("bad signature ", Tokens.hs256("another-secret-of-at-least-32-bytes!!".getBytes(
                java.nio.charset.StandardCharsets.UTF_8), claims("m", 60)));
        bad.put("token expired", tokens.rs256(claims("m", -120)));
        bad.put("token not yet valid", tokens.es256(claims("m", 600).notBeforeTime(
                new java.util.Date(System.currentTimeMillis() + 300_000))));
        bad.put("wrong audience", Tokens.hs256(Tokens.claims("m", 60).audience("someone-else")));
        bad.put("malformed token", "garbage");
        bad.forEach((reason, token) -> {
            TestWsClient c = bearer(token);
            JsonNode err = c.next();
            assertThat(err.path("code").asText()).as(reason).isEqualTo("UNAUTHORIZED");
            CloseInfo close = c.awaitClose();
            assertThat(close.code()).as(reason).isEqualTo(CloseCodes.UNAUTHORIZED);
            assertThat(close.reason()).isEqualTo(reason.trim());
        });
        TestWsClient none = fx.connectRaw("/ws", TestWsClient.options());
        assertThat(none.awaitClose().code()).as("no token, no auth message").isEqualTo(CloseCodes.UNAUTHORIZED);
        assertThat(fx.metric("tickgate_gateway_auth_failures_total{reason=\"bad_signature\"}")).isEqualTo(2);
        assertThat(fx.metric("tickgate_gateway_auth_failures_total{reason=\"expired\"}")).isEqualTo(1);
        assertThat(fx.metric("tickgate_gateway_auth_failures_total{reason=\"timeout\"}")).isEqualTo(1);
        assertThat(fx.metric("tickgate_gateway_connections")).isZero();
    }

    @Test
    void aclForbidsTopicsOutsideTheTokenAndWildcardsExpandOnlyToAllowedOnes() {
        start(b -> b);
        TestWsClient c = bearer(tokens.rs256(claims("alice", 60)));
        assertThat(welcome(c).path("user").asText()).isEqualTo("alice");
        c.send("{\"type\":\"subscribe\",\"id\":\"1\",\"topic\":\"okx.BTC-USDT.book\"}");
        assertThat(c.next().path("code").asText()).isEqualTo("FORBIDDEN");
        c.send("{\"type\":\"subscribe\",\"id\":\"2\",\"topic\":\"okx.*.book\"}");
        assertThat(c.next().path("code").asText()).isEqualTo("FORBIDDEN");
        c.send("{\"type\":\"subscribe\",\"id\":\"3\",\"topics\":[\"*.BTCUSDT.trade\",\"binance.BTCUSDT.trade\"]}");
        JsonNode sub = c.next();
        assertThat(sub.path("type").asText()).isEqualTo("subscribed");
        assertThat(sub.path("topic").asText()).isEqualTo("binance.BTCUSDT.trade");
        assertThat(c.next().path("type").asText()).isEqualTo("snapshot");
        fx.broker.publish(new Trade("binance", "BTCUSDT", "2", Decimal.parse("101"), Decimal.parse("1"), Side.SELL,
                1_700_000_000_001L));
        JsonNode data = c.next();
        assertThat(data.path("type").asText()).isEqualTo("data");
        assertThat(data.path("topic").asText()).isEqualTo("binance.BTCUSDT.trade");
        c.send("{\"type\":\"publish\",\"id\":\"4\",\"topic\":\"custom.a.b\",\"data\":{}}");
        assertThat(c.next().path("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(c.isOpen()).isTrue();
    }

    @Test
    void rolesFromTheConfigGrantTheirPatterns() {
        start(b -> b.roles(Map.of("books", TopicAcl.of(List.of("okx.*.book"), List.of()))));
        TestWsClient c = bearer(Tokens.hs256(claims("bob", 60).claim("roles", List.of("books"))));
        welcome(c);
        c.send("{\"type\":\"subscribe\",\"id\":\"1\",\"topic\":\"okx.BTC-USDT.book\"}");
        assertThat(c.next().path("type").asText()).isEqualTo("subscribed");
    }

    @Test
    void refreshExtendsTheConnectionPastTheFirstTokensExpiry() {
        start(b -> b.clockSkewSeconds(0));
        long firstExpiry = claims("carol", 2).build().getExpirationTime().getTime();
        TestWsClient c = bearer(Tokens.hs256(claims("carol", 2)));
        assertThat(welcome(c).path("expiresAt").asLong()).isEqualTo(firstExpiry);
        c.send("{\"type\":\"refresh\",\"id\":\"r\",\"token\":\"" + tokens.es256(claims("carol", 120)) + "\"}");
        JsonNode refreshed = c.next();
        assertThat(refreshed.path("type").asText()).isEqualTo("refreshed");
        assertThat(refreshed.path("expiresAt").asLong()).isGreaterThan(firstExpiry);
        await().atMost(Duration.ofSeconds(10)).until(() -> System.currentTimeMillis() > firstExpiry + 1_000);
        c.send("{\"type\":\"heartbeat\",\"id\":\"h\"}");
        assertThat(c.next().path("type").asText()).isEqualTo("heartbeat");
        assertThat(c.isOpen()).isTrue();
    }

    @Test
    void refreshForAnotherSubjectIsRefusedAndTheConnectionLivesOn() {
        start(b -> b);
        TestWsClient c = bearer(Tokens.hs256(claims("dave", 60)));
        welcome(c);
        c.send("{\"type\":\"refresh\",\"id\":\"r\",\"token\":\"" + Tokens.hs256(claims("eve", 60)) + "\"}");
        JsonNode err = c.next();
        assertThat(err.path("code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(err.path("id").asText()).isEqualTo("r");
        c.send("{\"type\":\"heartbeat\"}");
        assertThat(c.next().path("type").asText()).isEqualTo("heartbeat");
    }

    @Test
    void oneRefreshIsVerifiedAtATimeAndTheNextWaitsForItsAnswer() {
        start(b -> b);
        TestWsClient c = bearer(Tokens.hs256(claims("gina", 60)));
        welcome(c);
        String refresh = "{\"type\":\"refresh\",\"id\":\"%s\",\"token\":\"" + tokens.es256(claims("gina", 120))
                + "\"}";
        c.sendNoFlush(String.format(refresh, "r1")); // one read: the second is handled while the first is verified
        c.sendNoFlush(String.format(refresh, "r2"));
        c.flush();
        JsonNode busy = c.next();
        assertThat(busy.path("code").asText()).as(busy.toString()).isEqualTo("RATE_LIMITED");
        assertThat(busy.path("id").asText()).isEqualTo("r2");
        assertThat(busy.path("message").asText()).contains("being verified");
        JsonNode first = c.next();
        assertThat(first.path("type").asText()).isEqualTo("refreshed");
        assertThat(first.path("id").asText()).isEqualTo("r1");
        c.send(String.format(refresh, "r3"));
        assertThat(c.next().path("type").asText()).as("after the answer the next is verified").isEqualTo("refreshed");
    }

    @Test
    void aTokenThatExpiresWithoutRefreshClosesTheConnection() {
        start(b -> b.clockSkewSeconds(0));
        TestWsClient c = bearer(Tokens.hs256(claims("frank", 1)));
        welcome(c);
        CloseInfo close = c.awaitClose(Duration.ofSeconds(10));
        assertThat(close.code()).isEqualTo(CloseCodes.UNAUTHORIZED);
        assertThat(close.reason()).isEqualTo("token expired");
    }

    @Test
    void tokenInTheSubprotocolAndTheServerAnswersWithAnOfferedOne() {
        start(b -> b);
        TestWsClient c = fx.connectRaw("/ws", TestWsClient.options()
                .subprotocols("tickgate.v1, bearer." + tokens.es256(claims("grace", 60))));
        assertThat(welcome(c).path("user").asText()).isEqualTo("grace");
        assertThat(c.subprotocol()).isEqualTo("tickgate.v1");
    }

    @Test
    void tokenInTheFirstAuthMessageOrTheQueryString() {
        start(b -> b);
        TestWsClient c = fx.connectRaw("/ws", TestWsClient.options());
        c.send("{\"type\":\"auth\",\"token\":\"" + tokens.rs256(claims("heidi", 60)) + "\"}");
        c.send("{\"type\":\"subscribe\",\"id\":\"1\",\"topic\":\"binance.BTCUSDT.trade\"}");
        assertThat(welcome(c).path("user").asText()).isEqualTo("heidi");
        assertThat(c.next().path("type").asText()).as("sent before the welcome, handled after").isEqualTo("subscribed");

        TestWsClient wrongFirst = fx.connectRaw("/ws", TestWsClient.options());
        wrongFirst.send("{\"type\":\"subscribe\",\"topic\":\"binance.BTCUSDT.trade\"}");
        assertThat(wrongFirst.awaitClose().code()).isEqualTo(CloseCodes.UNAUTHORIZED);

        TestWsClient query = fx.connectRaw("/ws?batch=0&token=" + Tokens.hs256(claims("ivan", 60)),
                TestWsClient.options());
        assertThat(welcome(query).path("user").asText()).isEqualTo("ivan");
    }

    @Test
    void withAuthOptionalAClientWithoutTokenIsAnonymous() {
        start(b -> b.required(false).anonymous(TopicAcl.of(List.of("okx.**"), List.of())));
        TestWsClient c = fx.connectRaw("/ws", TestWsClient.options());
        assertThat(welcome(c).has("user")).isFalse();
        c.send("{\"type\":\"subscribe\",\"id\":\"1\",\"topic\":\"binance.BTCUSDT.trade\"}");
        assertThat(c.next().path("code").asText()).isEqualTo("FORBIDDEN");
        c.send("{\"type\":\"subscribe\",\"id\":\"2\",\"topic\":\"okx.BTC-USDT.book\"}");
        assertThat(c.next().path("type").asText()).isEqualTo("subscribed");
    }
}
