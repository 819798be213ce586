package io.tickgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tickgate.gateway.auth.AuthConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Java client's token: sent in the handshake header, replaced in-band with {@code refresh}. */
@Timeout(60)
class ClientAuthTest {

    private static final String SECRET = "client-test-secret-0123456789abcdef";
    private static final String TOPIC = GatewayHarness.topic("AAA");

    private static final class Errors implements ClientListener {
        final List<JsonNode> errors = new CopyOnWriteArrayList<>();

        @Override
        public void onServerError(JsonNode error) {
            errors.add(error);
        }
    }

    private static long expiry(long inSeconds) {
        return (System.currentTimeMillis() / 1000 + inSeconds) * 1000;
    }

    private static String token(String sub, long expiresAtMillis) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().subject(sub)
                .expirationTime(new Date(expiresAtMillis)).claim("topics", List.of("sim.*.trade")).build());
        jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    @Test
    void headerTokenThenRefreshKeepsTheConnectionPastTheFirstExpiry() throws Exception {
        AuthConfig auth = AuthConfig.builder().enabled(true).secret(SECRET).clockSkewSeconds(0).build();
        try (GatewayHarness gw = new GatewayHarness(List.of("AAA"), 200, b -> b.auth(auth))) {
            long firstExpiry = expiry(2);
            Errors events = new Errors();
            TopicRecorder rec = new TopicRecorder();
            try (TickgateClient c = new TickgateClient(ClientConfig.builder(gw.url()).token(token("u1", firstExpiry))
                    .build(), events)) {
                c.subscribe(TOPIC, rec);
                c.connect();
                gw.startProducing();
                await().atMost(Duration.ofSeconds(10)).until(() -> rec.last(gw.epoch()) > 0);
                c.refresh(token("u1", expiry(120)));
                await().atMost(Duration.ofSeconds(10)).until(() -> System.currentTimeMillis() > firstExpiry + 1_000);
                long seen = rec.last(gw.epoch());
                await().atMost(Duration.ofSeconds(10)).until(() -> rec.last(gw.epoch()) > seen + 10);
                assertThat(c.stats().reconnects()).as("never cut at the first token's expiry").isZero();
                assertThat(events.errors).isEmpty();
            }
        }
    }

    @Test
    void anExpiredTokenIsReportedAsUnauthorized() throws Exception {
        AuthConfig auth = AuthConfig.builder().enabled(true).secret(SECRET).clockSkewSeconds(0).build();
        try (GatewayHarness gw = new GatewayHarness(List.of("AAA"), 200, b -> b.auth(auth))) {
            Errors events = new Errors();
            try (TickgateClient c = new TickgateClient(ClientConfig.builder(gw.url()).token(token("u1", expiry(-60)))
                    .reconnectDelay(new FullJitterBackoff(200, 1_000)).build(), events)) {
                c.connect();
                await().atMost(Duration.ofSeconds(10)).until(() -> !events.errors.isEmpty());
                assertThat(events.errors.get(0).path("code").asText()).isEqualTo("UNAUTHORIZED");
                assertThat(c.connectionId()).isNull();
            }
        }
    }
}
