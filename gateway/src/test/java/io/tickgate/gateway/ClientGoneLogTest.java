package io.tickgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tickgate.gateway.testsupport.GatewayFixture;
import io.tickgate.gateway.testsupport.RawWsSocket;
import io.tickgate.gateway.testsupport.TestWsClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/** Clients that drop in the middle of a fragmented message are counted, not logged as WARN stack traces. */
@Timeout(60)
class ClientGoneLogTest {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void capture() {
        appender.start();
        root.addAppender(appender);
    }

    @AfterEach
    void release() {
        root.detachAppender(appender);
    }

    @Test
    void twoHundredConnectionsDroppedMidFragmentLogNoWarningAndAreCounted() throws Exception {
        try (GatewayFixture fx = GatewayFixture.start()) {
            byte[] firstFragment = RawWsSocket.frame(0x01, "{\"type\":\"heart".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 200; i++) {
                RawWsSocket s = new RawWsSocket(fx.gateway.port());
                assertThat(s.read().text()).contains("welcome");
                s.write(firstFragment);
                if (i % 2 == 0) {
                    s.reset();
                } else {
                    s.close();
                }
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> gone(fx) >= 200);
            await().atMost(Duration.ofSeconds(10)).until(() -> fx.gateway.connections() == 0);
            assertThat(gone(fx)).as("one count per dropped connection").isEqualTo(200);
            assertThat(fx.metric("tickgate_gateway_client_gone_total{reason=\"mid_message\"}")).isPositive();

            TestWsClient c = fx.connect();
            c.send("{\"type\":\"heartbeat\",\"id\":\"1\"}");
            assertThat(c.next().path("type").asText()).as("the gateway serves on").isEqualTo("heartbeat");
        }
        List<ILoggingEvent> loud = appender.list.stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN) || e.getThrowableProxy() != null).toList();
        assertThat(loud).as("no WARN and no stack trace for clients that went away").isEmpty();
    }

    private static double gone(GatewayFixture fx) {
        double sum = 0;
        for (String reason : new String[] {"mid_message", "reset", "broken_pipe", "closed_channel", "io_error"}) {
            sum += fx.metric("tickgate_gateway_client_gone_total{reason=\"" + reason + "\"}");
        }
        return sum;
    }
}
