package io.tickgate.gateway.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.tickgate.gateway.protocol.ClientMessage;
import io.tickgate.gateway.protocol.ErrorCode;
import io.tickgate.gateway.protocol.RequestId;
import io.tickgate.gateway.protocol.ResumePosition;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The frame → ClientMessage decoder in an EmbeddedChannel: every input becomes exactly one message. */
@Timeout(10)
class ClientMessageDecoderTest {

    private final EmbeddedChannel ch = new EmbeddedChannel(new ClientMessageDecoder());

    @AfterEach
    void finish() {
        assertThat(ch.finish()).isFalse();
    }

    private ClientMessage decode(String text) {
        TextWebSocketFrame frame = new TextWebSocketFrame(text);
        assertThat(ch.writeInbound(frame)).isTrue();
        if (!text.isEmpty()) { // an empty frame shares the unreleasable empty buffer
            assertThat(frame.refCnt()).as("frame released").isZero();
        }
        ClientMessage m = ch.readInbound();
        Object extra = ch.readInbound();
        assertThat(extra).isNull();
        return m;
    }

    @Test
    void subscribeWithTopicTopicsAndResume() {
        assertThat(decode("{\"type\":\"subscribe\",\"id\":\"1\",\"topic\":\"binance.BTCUSDT.trade\"}"))
                .isEqualTo(new ClientMessage.Subscribe(RequestId.ofString("1"), List.of("binance.BTCUSDT.trade"),
                        null));
        assertThat(decode("{\"type\":\"subscribe\",\"id\":2,\"topics\":[\"a.B.ticker\",\"*.C.book\"]}"))
                .isEqualTo(new ClientMessage.Subscribe(RequestId.ofNumber(2), List.of("a.B.ticker", "*.C.book"),
                        null));
        assertThat(decode("{\"type\":\"subscribe\",\"topic\":\"a.B.trade\",\"resume\":{\"epoch\":\"k3\",\"seq\":12}}"))
                .isEqualTo(new ClientMessage.Subscribe(null, List.of("a.B.trade"), new ResumePosition("k3", 12)));
    }

    @Test
    void unsubscribeHeartbeatPublish() {
        assertThat(decode("{\"type\":\"unsubscribe\",\"id\":\"4\",\"topic\":\"a.B.trade\"}"))
                .isEqualTo(new ClientMessage.Unsubscribe(RequestId.ofString("4"), List.of("a.B.trade")));
        assertThat(decode("{\"type\":\"heartbeat\"}")).isEqualTo(new ClientMessage.Heartbeat(null));
        assertThat(decode("{\"type\":\"publish\",\"id\":\"5\",\"topic\":\"custom.s.a\",\"data\":{\"x\":1}}"))
                .isEqualTo(new ClientMessage.Publish(RequestId.ofString("5"), "custom.s.a", "{\"x\":1}"));
    }

    @Test
    void badInputBecomesInvalidWithTheRightCode() {
        assertInvalid("", ErrorCode.INVALID_JSON);
        assertInvalid("{", ErrorCode.INVALID_JSON);
        assertInvalid("\"text\"", ErrorCode.INVALID_JSON);
        assertInvalid("null", ErrorCode.INVALID_JSON);
        assertInvalid("{} {}", ErrorCode.INVALID_JSON);
        assertInvalid("{\"id\":1.5,\"type\":\"heartbeat\"}", ErrorCode.INVALID_JSON);
        assertInvalid("{\"type\":7}", ErrorCode.UNKNOWN_MESSAGE_TYPE);
        assertInvalid("{\"type\":\"SUBSCRIBE\"}", ErrorCode.UNKNOWN_MESSAGE_TYPE);
        assertInvalid("{\"type\":\"subscribe\",\"topics\":[]}", ErrorCode.INVALID_TOPIC);
        assertInvalid("{\"type\":\"subscribe\",\"topics\":\"a.B.trade\"}", ErrorCode.INVALID_TOPIC);
        assertInvalid("{\"type\":\"subscribe\",\"topics\":[1]}", ErrorCode.INVALID_TOPIC);
        assertInvalid("{\"type\":\"subscribe\",\"topic\":\"a.B.trade\",\"resume\":{\"seq\":1}}",
                ErrorCode.INVALID_JSON);
        assertInvalid("{\"type\":\"publish\"}", ErrorCode.INVALID_TOPIC);
        ClientMessage.Invalid withId = (ClientMessage.Invalid) decode("{\"id\":\"9\",\"type\":\"nope\"}");
        assertThat(withId.id()).isEqualTo(RequestId.ofString("9"));
        assertThat(withId.message()).contains("nope");
    }

    @Test
    void binaryFramesAreRejectedClearly() {
        BinaryWebSocketFrame frame = new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1, 2}));
        assertThat(ch.writeInbound(frame)).isTrue();
        ClientMessage.Invalid m = ch.readInbound();
        assertThat(m.code()).isEqualTo(ErrorCode.INVALID_JSON);
        assertThat(m.message()).contains("binary frames are not supported");
        assertThat(frame.refCnt()).isZero();
    }

    private void assertInvalid(String text, ErrorCode code) {
        ClientMessage m = decode(text);
        assertThat(m).as(text).isInstanceOf(ClientMessage.Invalid.class);
        assertThat(((ClientMessage.Invalid) m).code()).as(text).isEqualTo(code);
        assertThat(((ClientMessage.Invalid) m).message()).isNotBlank();
    }
}
