package io.tickgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tickgate.gateway.auth.AuthConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the JS client's token test ({@code dashboard/test/live/auth.live.test.js}) under Node against a real gateway
 * with auth required (ES256 keys from a JWKS file made here): the token as the {@code bearer.} subprotocol (the
 * browser path; the server must answer {@code tickgate.v1}) and as the {@code auth} first message, then a refresh.
 * Skipped when {@code node} is not on PATH.
 */
class JsClientAuthTest {

    private static final String SYMBOL = "JSAUTH";

    @Test
    @Timeout(120)
    void jsClientAuthenticatesBySubprotocolAndByMessageAndRefreshes(@TempDir Path dir) throws Exception {
        Path dashboard = Path.of("..", "dashboard").toAbsolutePath().normalize();
        Path script = dashboard.resolve("test/live/auth.live.test.js");
        assumeTrue(Files.isRegularFile(script), "no " + script);
        assumeTrue(nodeAvailable(), "node is not on PATH");
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("js-1").generate();
        Path jwks = Files.writeString(dir.resolve("jwks.json"), new JWKSet(key.toPublicJWK()).toString());
        AuthConfig auth = AuthConfig.builder().enabled(true).jwksFile(jwks).build();
        try (GatewayHarness gw = new GatewayHarness(List.of(SYMBOL), 200, b -> b.auth(auth))) {
            gw.startProducing();
            ProcessBuilder pb = new ProcessBuilder("node", "--experimental-websocket", "--no-warnings", "--test",
                    "test/live/auth.live.test.js").directory(dashboard.toFile()).redirectErrorStream(true);
            pb.environment().put("TICKGATE_URL", gw.url());
            pb.environment().put("TICKGATE_TOPIC", GatewayHarness.topic(SYMBOL));
            pb.environment().put("TICKGATE_TOKEN", token(key, 60));
            pb.environment().put("TICKGATE_TOKEN2", token(key, 600));
            Process node = pb.start();
            String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            boolean done = node.waitFor(90, TimeUnit.SECONDS);
            if (!done) {
                node.destroyForcibly();
            }
            System.out.println("---- node --test output ----\n" + output);
            assertThat(done).as("node finished").isTrue();
            assertThat(node.exitValue()).as("node test passed:\n" + output).isZero();
            assertThat(output).contains("# pass 2").contains("# fail 0");
        }
    }

    private static String token(ECKey key, long expiresInSeconds) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().subject("js-user").claim("topics", List.of("sim.*.trade"))
                        .expirationTime(new Date((System.currentTimeMillis() / 1000 + expiresInSeconds) * 1000))
                        .build());
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    private static boolean nodeAvailable() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
