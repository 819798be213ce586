package io.tickgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tickgate.gateway.auth.AuthConfig;
import io.tickgate.gateway.auth.TopicAcl;
import io.tickgate.gateway.publish.ApiConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs the JS client's publish test ({@code dashboard/test/live/publish.live.test.js}) under Node against a real
 * gateway whose anonymous clients may publish to {@code custom.signals.*} only (messages up to 256 bytes). Skipped
 * when {@code node} is not on PATH.
 */
class JsClientPublishTest {

    @Test
    @Timeout(120)
    void jsClientPublishesAndSeesRefusals() throws Exception {
        Path dashboard = Path.of("..", "dashboard").toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(dashboard.resolve("test/live/publish.live.test.js")), "no live test");
        AuthConfig auth = AuthConfig.builder().enabled(true).required(false)
                .secret("client-test-secret-0123456789abcdef")
                .anonymous(TopicAcl.of(List.of("**"), List.of("custom.signals.*"))).build();
        try (GatewayHarness gw = new GatewayHarness(List.of("JSPUB"), 50,
                b -> b.auth(auth).api(new ApiConfig(List.of(), 256)))) {
            ProcessBuilder pb = new ProcessBuilder("node", "--experimental-websocket", "--no-warnings", "--test",
                    "test/live/publish.live.test.js").directory(dashboard.toFile()).redirectErrorStream(true);
            pb.environment().put("TICKGATE_URL", gw.url());
            Process node;
            try {
                node = pb.start();
            } catch (java.io.IOException e) {
                assumeTrue(false, "node is not on PATH");
                return;
            }
            String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            boolean done = node.waitFor(90, TimeUnit.SECONDS);
            if (!done) {
                node.destroyForcibly();
            }
            assertThat(done).as("node finished").isTrue();
            assertThat(node.exitValue()).as("node test passed:\n" + output).isZero();
            assertThat(output).contains("# pass 1").contains("# fail 0");
        }
    }
}
