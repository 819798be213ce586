package io.tickgate.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import io.tickgate.gateway.auth.AuthException.Reason;
import io.tickgate.gateway.testsupport.Tokens;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class JwtVerifierTest {

    private static Tokens tokens;
    @TempDir
    Path dir;

    @BeforeAll
    static void keys() {
        tokens = new Tokens();
    }

    private JwtVerifier verifier(AuthConfig.Builder b) {
        return new JwtVerifier(b.enabled(true).build(), Clock.systemUTC());
    }

    private static Reason refusal(JwtVerifier v, String token) {
        try {
            v.verify(token);
        } catch (AuthException e) {
            return e.reason();
        }
        throw new AssertionError("token accepted");
    }

    @Test
    void hs256TokenGivesSubjectExpiryAndTopicAcl() throws Exception {
        JwtVerifier v = verifier(AuthConfig.builder().secret(Tokens.SECRET));
        JWTClaimsSet.Builder c = Tokens.claims("alice", 60).claim("topics", List.of("binance.*.trade"))
                .claim("publish", "custom.alice.*");
        Principal p = v.verify(Tokens.hs256(c));
        assertThat(p.subject()).isEqualTo("alice");
        assertThat(p.expiresAtMillis()).isEqualTo(c.build().getExpirationTime().getTime());
        assertThat(p.acl().maySubscribe("binance.BTCUSDT.trade")).isTrue();
        assertThat(p.acl().maySubscribe("okx.BTC-USDT.book")).isFalse();
        assertThat(p.acl().mayPublish("custom.alice.x")).isTrue();
    }

    @Test
    void rs256FromPemAndEs256FromJwksFile() throws Exception {
        Path jwks = Tokens.writeJwks(dir.resolve("keys.json"), List.of(tokens.ec));
        JwtVerifier v = verifier(AuthConfig.builder().publicKeyPem(tokens.writeRsaPem(dir)).jwksFile(jwks));
        assertThat(v.verify(tokens.rs256(Tokens.claims("rsa-user", 60))).subject()).isEqualTo("rsa-user");
        assertThat(v.verify(tokens.es256(Tokens.claims("ec-user", 60))).subject()).isEqualTo("ec-user");
    }

    @Test
    void rolesFromConfigAddTheirPatterns() throws Exception {
        JwtVerifier v = verifier(AuthConfig.builder().secret(Tokens.SECRET).roles(Map.of(
                "klines", TopicAcl.of(List.of("*.*.kline.*"), List.of()),
                "signals", TopicAcl.of(List.of(), List.of("custom.signals.*")))));
        Principal p = v.verify(Tokens.hs256(Tokens.claims("bob", 60).claim("roles", List.of("klines", "signals",
                "unknown-role"))));
        assertThat(p.acl().maySubscribe("okx.BTC-USDT.kline.1m")).isTrue();
        assertThat(p.acl().maySubscribe("okx.BTC-USDT.trade")).isFalse();
        assertThat(p.acl().mayPublish("custom.signals.alpha")).isTrue();
    }

    @Test
    void unsignedAndConfusedAndForgedTokensAreRefused() throws Exception {
        JwtVerifier rsaOnly = verifier(AuthConfig.builder().publicKeyPem(tokens.writeRsaPem(dir)));
        JWTClaimsSet.Builder c = Tokens.claims("mallory", 60);
        assertThat(refusal(rsaOnly, Tokens.none(c))).isEqualTo(Reason.ALGORITHM);
        assertThat(refusal(rsaOnly, tokens.hs256WithRsaPublicKey(c))).as("HS256 with no secret configured")
                .isEqualTo(Reason.ALGORITHM);
        JwtVerifier both = verifier(AuthConfig.builder().secret(Tokens.SECRET).publicKeyPem(tokens.writeRsaPem(dir)));
        assertThat(refusal(both, tokens.hs256WithRsaPublicKey(c))).as("the public key is never an HMAC key")
                .isEqualTo(Reason.BAD_SIGNATURE);
        RSAKey other = otherRsaKey();
        assertThat(refusal(both, Tokens.rs256(other, c))).isEqualTo(Reason.BAD_SIGNATURE);
        String good = tokens.rs256(c);
        String tampered = good.substring(0, good.indexOf('.') + 1)
                + Tokens.hs256(Tokens.claims("admin", 60)).split("\\.")[1] + good.substring(good.lastIndexOf('.'));
        assertThat(refusal(both, tampered)).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(refusal(both, "not-a-token")).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void timeAudienceIssuerAndSubjectAreChecked() {
        JwtVerifier v = verifier(AuthConfig.builder().secret(Tokens.SECRET).clockSkewSeconds(30)
                .issuer("https://issuer.example").audience("tickgate"));
        JWTClaimsSet.Builder ok = Tokens.claims("u", 60).issuer("https://issuer.example").audience("tickgate");
        assertThat(refusal(v, Tokens.hs256(Tokens.claims("u", -120).issuer("https://issuer.example")
                .audience("tickgate")))).isEqualTo(Reason.EXPIRED);
        assertThat(refusal(v, Tokens.hs256(ok.notBeforeTime(new Date(System.currentTimeMillis() + 120_000)))))
                .isEqualTo(Reason.NOT_YET_VALID);
        assertThat(refusal(v, Tokens.hs256(Tokens.claims("u", 60).issuer("https://issuer.example")
                .audience("other")))).isEqualTo(Reason.WRONG_AUDIENCE);
        assertThat(refusal(v, Tokens.hs256(Tokens.claims("u", 60).issuer("https://evil.example")
                .audience("tickgate")))).isEqualTo(Reason.WRONG_ISSUER);
        assertThat(refusal(v, Tokens.hs256(new JWTClaimsSet.Builder().subject("u").issuer("https://issuer.example")
                .audience("tickgate")))).as("no exp").isEqualTo(Reason.MISSING_CLAIM);
        assertThat(refusal(v, Tokens.hs256(Tokens.claims(null, 60).issuer("https://issuer.example")
                .audience(List.of("x", "tickgate"))))).as("no sub").isEqualTo(Reason.MISSING_CLAIM);
        assertThat(refusal(v, Tokens.hs256(Tokens.claims("u", 60).issuer("https://issuer.example")
                .audience("tickgate").claim("topics", List.of("a..b")))))
                .as("bad pattern in the topics claim").isEqualTo(Reason.MALFORMED);
    }

    @Test
    void clockSkewToleratesARecentlyExpiredToken() throws Exception {
        JwtVerifier v = verifier(AuthConfig.builder().secret(Tokens.SECRET).clockSkewSeconds(30));
        assertThat(v.verify(Tokens.hs256(Tokens.claims("u", -10))).subject()).isEqualTo("u");
        assertThat(refusal(v, Tokens.hs256(Tokens.claims("u", -60)))).isEqualTo(Reason.EXPIRED);
    }

    @Test
    void jwksFileIsReloadedWhenKeysRotate() throws Exception {
        Path jwks = Tokens.writeJwks(dir.resolve("keys.json"), List.of(tokens.rsa));
        JwtVerifier v = verifier(AuthConfig.builder().jwksFile(jwks));
        RSAKey next = otherRsaKey();
        String nextToken = Tokens.rs256(next, Tokens.claims("u", 60));
        assertThat(refusal(v, nextToken)).as("kid rsa-2 not published yet").isEqualTo(Reason.UNKNOWN_KEY);
        // overlap period: old and new key both published
        Tokens.writeJwks(jwks, List.<JWK>of(tokens.rsa, next));
        Files.setLastModifiedTime(jwks, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> v.verify(nextToken) != null);
        assertThat(v.verify(tokens.rs256(Tokens.claims("u", 60))).subject()).as("old key still valid").isEqualTo("u");
    }

    @Test
    void jwksUrlIsFetchedAndAnUnknownKidRefetchesIt() throws Exception {
        RSAKey next = otherRsaKey();
        AtomicReference<String> served = new AtomicReference<>(new JWKSet(tokens.ec.toPublicJWK()).toString());
        AtomicInteger fetches = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/jwks.json", ex -> {
            fetches.incrementAndGet();
            byte[] body = served.get().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try (JwtVerifier v = verifier(AuthConfig.builder().jwksUrl(URI.create("http://127.0.0.1:"
                + server.getAddress().getPort() + "/jwks.json")))) {
            assertThat(v.verify(tokens.es256(Tokens.claims("u", 60))).subject()).isEqualTo("u");
            assertThat(v.verify(tokens.es256(Tokens.claims("u2", 60))).subject()).isEqualTo("u2");
            assertThat(fetches.get()).as("cached").isEqualTo(1);
            served.set(new JWKSet(List.<JWK>of(tokens.ec.toPublicJWK(), next.toPublicJWK())).toString());
            assertThat(v.verify(Tokens.rs256(next, Tokens.claims("u3", 60))).subject())
                    .as("a new kid makes the verifier refetch").isEqualTo("u3");
            assertThat(fetches.get()).isEqualTo(2);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void configNeedsAKeyAndALongEnoughSecret() {
        assertThatThrownBy(() -> AuthConfig.builder().enabled(true).build()).hasMessageContaining("needs a key");
        assertThatThrownBy(() -> AuthConfig.builder().secret("short").build()).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> AuthConfig.builder().algorithms(java.util.Set.of("none")).build())
                .hasMessageContaining("unsupported");
    }

    private static RSAKey otherRsaKey() throws JOSEException {
        return new RSAKeyGenerator(2048).keyID("rsa-2").generate();
    }
}
