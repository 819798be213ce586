package io.tickgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import io.tickgate.gateway.tls.TlsConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code wss://} end to end: a gateway with a self-signed certificate made here; the Java client (trusting that
 * certificate, host name verified) and the JS client under Node ({@code NODE_EXTRA_CA_CERTS}) connect and get data.
 */
@Timeout(120)
// Netty 4.2 deprecates SelfSignedCertificate (for its netty-pkitesting module); it still makes a test certificate
@SuppressWarnings("deprecation")
class WssClientTest {

    private static final String SYMBOL = "WSS";
    private static SelfSignedCertificate cert;

    @BeforeAll
    static void certificate() throws Exception {
        cert = new SelfSignedCertificate("localhost");
    }

    @AfterAll
    static void delete() {
        cert.delete();
    }

    private static GatewayHarness tlsGateway() {
        GatewayHarness gw = new GatewayHarness(List.of(SYMBOL), 100,
                b -> b.tls(TlsConfig.of(cert.certificate().toPath(), cert.privateKey().toPath())));
        gw.startProducing();
        return gw;
    }

    private static String wssUrl(GatewayHarness gw) {
        return "wss://localhost:" + gw.gateway().port() + "/ws";
    }

    @Test
    void javaClientConnectsOverWssAndGetsData() throws Exception {
        try (GatewayHarness gw = tlsGateway()) {
            AtomicInteger data = new AtomicInteger();
            ClientConfig config = ClientConfig.builder(wssUrl(gw))
                    .sslContext(SslContextBuilder.forClient().trustManager(cert.cert())
                            .endpointIdentificationAlgorithm("HTTPS").build())
                    .build();
            assertThat(config.port()).isEqualTo(gw.gateway().port());
            try (TickgateClient client = new TickgateClient(config, null)) {
                client.subscribe(GatewayHarness.topic(SYMBOL), m -> data.incrementAndGet());
                client.connect();
                await().atMost(Duration.ofSeconds(20)).until(() -> data.get() >= 5);
            }
        }
    }

    @Test
    void javaClientRefusesAnUntrustedCertificate() throws Exception {
        try (GatewayHarness gw = tlsGateway()) {
            AtomicInteger data = new AtomicInteger();
            try (TickgateClient client = new TickgateClient(ClientConfig.builder(wssUrl(gw)).build(), null)) {
                client.subscribe(GatewayHarness.topic(SYMBOL), m -> data.incrementAndGet());
                client.connect();
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> data.get() == 0);
            }
            assertThat(gw.gateway().connections()).isZero();
        }
    }

    @Test
    void jsClientConnectsOverWssAndGetsData() throws Exception {
        Path dashboard = Path.of("..", "dashboard").toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(dashboard.resolve("test/live/wss.live.test.js")), "no dashboard tests");
        assumeTrue(JsClientResumeTest.nodeAvailable(), "node is not on PATH");
        try (GatewayHarness gw = tlsGateway()) {
            ProcessBuilder pb = new ProcessBuilder("node", "--experimental-websocket", "--no-warnings", "--test",
                    "test/live/wss.live.test.js").directory(dashboard.toFile()).redirectErrorStream(true);
            pb.environment().put("TICKGATE_URL", wssUrl(gw));
            pb.environment().put("TICKGATE_TOPIC", GatewayHarness.topic(SYMBOL));
            pb.environment().put("NODE_EXTRA_CA_CERTS", cert.certificate().getAbsolutePath());
            Process node = pb.start();
            String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            boolean done = node.waitFor(60, TimeUnit.SECONDS);
            if (!done) {
                node.destroyForcibly();
            }
            assertThat(done).as("node finished").isTrue();
            assertThat(node.exitValue()).as("node test passed:\n" + output).isZero();
            assertThat(output).contains("# pass 1").contains("# fail 0");
        }
    }
}
