package io.tickgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.tickgate.gateway.testsupport.GatewayFixture;
import io.tickgate.gateway.testsupport.RawWsSocket;
import io.tickgate.gateway.testsupport.TestWsClient;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6455 §5.2: a frame with RSV bits no negotiated extension defines fails the connection with 1002. */
@Timeout(30)
class ReservedBitsTest {

    private static final byte[] HEARTBEAT = "{\"type\":\"heartbeat\",\"id\":\"1\"}".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest(name = "compression {0}, first byte {1}")
    @CsvSource({"true, 0xC1", "true, 0xA1", "true, 0x91", "false, 0xC1", "false, 0xA1", "true, 0xC9"})
    void reservedBitsWithoutANegotiatedExtensionClose1002(boolean compression, String b0) throws Exception {
        try (GatewayFixture fx = GatewayFixture.start(b -> b.compression(compression));
                RawWsSocket s = new RawWsSocket(fx.gateway.port())) {
            assertThat(s.read().text()).contains("welcome");
            s.write(RawWsSocket.frame(0x81, HEARTBEAT));
            assertThat(s.read().text()).as("a clean frame is answered").contains("\"heartbeat\"");
            s.write(RawWsSocket.frame(Integer.decode(b0), HEARTBEAT));
            assertThat(s.readUntilClose().closeCode()).isEqualTo(1002);
            assertThat(fx.metric("tickgate_gateway_closes_total{code=\"1002\"}")).isEqualTo(1);
        }
    }

    @Test
    void rsv2OnACompressedMessageCloses1002() {
        try (GatewayFixture fx = GatewayFixture.start()) {
            TestWsClient c = fx.connectRaw("/ws", TestWsClient.options().compression(true));
            assertThat(c.next().path("type").asText()).isEqualTo("welcome");
            assertThat(c.negotiatedExtensions()).contains("permessage-deflate");
            c.send("{\"type\":\"heartbeat\",\"id\":\"1\"}");
            assertThat(c.next().path("type").asText()).as("a compressed clean frame works").isEqualTo("heartbeat");
            c.sendFrame(new TextWebSocketFrame(true, 2, "{\"type\":\"heartbeat\",\"id\":\"2\"}"));
            assertThat(c.awaitClose().code()).isEqualTo(1002);
        }
    }
}
