package io.tickgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs the JS client's reconnect/resume test ({@code dashboard/test/live/reconnect-resume.live.test.js}) under Node
 * against a real gateway. The Node test drives the server through a small HTTP control endpoint served here: cut its
 * connection, pause/resume the producer, restart the server (new epoch). Skipped when {@code node} is not on PATH.
 */
class JsClientResumeTest {

    private static final String SYMBOL = "JS";

    @Test
    @Timeout(150)
    void jsClientResumesWithoutLossAndGetsAFreshSnapshotAfterARestart() throws Exception {
        Path dashboard = Path.of("..", "dashboard").toAbsolutePath().normalize();
        Path script = dashboard.resolve("test/live/reconnect-resume.live.test.js");
        assumeTrue(Files.isRegularFile(script), "no " + script);
        assumeTrue(nodeAvailable(), "node is not on PATH");
        try (GatewayHarness gw = new GatewayHarness(List.of(SYMBOL), 200, b -> b)) {
            HttpServer control = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            control.createContext("/", exchange -> handle(gw, exchange));
            control.start();
            try {
                ProcessBuilder pb = new ProcessBuilder("node", "--experimental-websocket", "--no-warnings", "--test",
                        "test/live/reconnect-resume.live.test.js")
                        .directory(dashboard.toFile())
                        .redirectErrorStream(true);
                pb.environment().put("TICKGATE_URL", gw.url());
                pb.environment().put("TICKGATE_CONTROL", "http://127.0.0.1:" + control.getAddress().getPort());
                pb.environment().put("TICKGATE_TOPIC", GatewayHarness.topic(SYMBOL));
                Process node = pb.start();
                String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                boolean done = node.waitFor(120, TimeUnit.SECONDS);
                if (!done) {
                    node.destroyForcibly();
                }
                System.out.println("---- node --test output ----\n" + output);
                assertThat(done).as("node finished").isTrue();
                assertThat(node.exitValue()).as("node test passed:\n" + output).isZero();
                assertThat(output).contains("# pass 1").contains("# fail 0");
            } finally {
                control.stop(0);
            }
        }
    }

    private static void handle(GatewayHarness gw, HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String query = ex.getRequestURI().getQuery();
        String body;
        int status = 200;
        switch (path) {
            case "/cut" -> {
                String id = query != null && query.startsWith("id=") ? query.substring(3) : "";
                body = "{\"cut\":" + gw.gateway().disconnect(id) + "}";
            }
            case "/pause" -> {
                gw.stopProducing();
                body = position(gw);
            }
            case "/resume" -> {
                gw.startProducing();
                body = position(gw);
            }
            case "/restart" -> {
                gw.restart();
                body = position(gw);
            }
            default -> {
                status = 404;
                body = "{}";
            }
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String position(GatewayHarness gw) {
        return "{\"epoch\":\"" + gw.epoch() + "\",\"lastSeq\":" + gw.lastSeq(GatewayHarness.topic(SYMBOL)) + "}";
    }

    static boolean nodeAvailable() {
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
