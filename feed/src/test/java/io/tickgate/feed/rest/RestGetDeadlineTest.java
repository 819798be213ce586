package io.tickgate.feed.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A REST server that drips its answer (a byte every 300 ms, never silent long enough for the read timeout) fails the
 * request at its deadline, and its connection is closed; a prompt answer is unaffected. Real sockets on loopback.
 */
@Timeout(30)
class RestGetDeadlineTest {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

    @AfterEach
    void stop() {
        group.shutdownGracefully(0, 100, TimeUnit.MILLISECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /**
     * Serves one connection: the head of a 200 with a 1,000-byte body, then the body at {@code byteMillis} a byte, or
     * all at once for 0.
     */
    private static Thread serve(ServerSocket server, long byteMillis, boolean[] closedByClient) {
        Thread t = new Thread(() -> {
            try (Socket s = server.accept()) {
                OutputStream out = s.getOutputStream();
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                if (byteMillis == 0) {
                    out.write("x".repeat(1000).getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    s.getInputStream().read(); // until the client hangs up
                    return;
                }
                for (int i = 0; i < 1000; i++) {
                    out.write('x');
                    out.flush();
                    Thread.sleep(byteMillis);
                }
            } catch (IOException e) {
                closedByClient[0] = true; // the client hung up: the write failed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "drip-server");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void aDrippingAnswerFailsAtTheDeadlineAndItsConnectionIsClosed() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            boolean[] closed = new boolean[1];
            Thread drip = serve(server, 300, closed);
            RestGet rest = new RestGet("http://127.0.0.1:" + server.getLocalPort(), group, null, 1_500);
            CompletableFuture<String> f = rest.get("/api/v3/depth?symbol=X", body -> body);
            assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TimeoutException.class).hasMessageContaining("1500 ms");
            drip.join(10_000);
            assertThat(closed[0]).as("the connection was closed by the client").isTrue();
        }
    }

    @Test
    void aPromptAnswerIsUnaffected() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            serve(server, 0, new boolean[1]);
            // a deadline far above what a prompt answer takes, even on a loaded machine
            RestGet rest = new RestGet("http://127.0.0.1:" + server.getLocalPort(), group, null, 10_000);
            assertThat(rest.get("/x", String::length).get(20, TimeUnit.SECONDS)).isEqualTo(1000);
        }
    }
}
