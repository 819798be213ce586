package io.tickgate.gateway.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.tickgate.gateway.protocol.ErrorCode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Pre-framed messages decode as the same text frames Netty's encoder would produce, at every header size. */
class TextFrameHeaderTest {

    private final ServerMessageEncoder encoder = new ServerMessageEncoder(PooledByteBufAllocator.DEFAULT);

    @ParameterizedTest
    @ValueSource(ints = {0, 50, 125, 126, 1_000, 65_535, 65_536, 100_000})
    void framedBytesDecodeToTheMessage(int padding) {
        ByteBuf msg = encoder.error(null, ErrorCode.INVALID_JSON, "x".repeat(padding));
        String json = msg.toString(StandardCharsets.UTF_8);
        assertThat(TextFrameHeader.isFramed(msg)).isTrue();
        assertThat(json).startsWith("{\"type\":\"error\"").endsWith("}");

        // a server-side encoder passes the raw ByteBuf through untouched
        EmbeddedChannel server = new EmbeddedChannel(new WebSocket08FrameEncoder(false));
        server.writeOutbound(TextFrameHeader.frame(msg.retainedDuplicate()));
        ByteBuf wire = server.readOutbound();
        EmbeddedChannel client = new EmbeddedChannel(new WebSocket08FrameDecoder(WebSocketDecoderConfig.newBuilder()
                .expectMaskedFrames(false).maxFramePayloadLength(1 << 20).build()));
        client.writeInbound(wire);
        TextWebSocketFrame frame = client.readInbound();
        assertThat(frame.isFinalFragment()).isTrue();
        assertThat(frame.text()).isEqualTo(json);
        frame.release();
        assertThat(msg.toString(StandardCharsets.UTF_8)).as("the shared buffer is unchanged").isEqualTo(json);
        msg.release();
    }

    /** An appended header is the one the encoder leaves in front of a message of that length. */
    @ParameterizedTest
    @ValueSource(ints = {0, 50, 125, 126, 1_000, 65_535, 65_536, 100_000})
    void anAppendedHeaderIsTheEncodersOwn(int padding) {
        ByteBuf msg = encoder.error(null, ErrorCode.INVALID_JSON, "x".repeat(padding));
        int n = msg.readableBytes();
        ByteBuf copy = Unpooled.buffer();
        TextFrameHeader.append(copy, n);
        assertThat(copy.readableBytes()).isEqualTo(TextFrameHeader.length(n));
        int at = copy.writerIndex();
        copy.writeBytes(msg, msg.readerIndex(), n);
        copy.readerIndex(at);
        assertThat(TextFrameHeader.isFramed(copy)).isTrue();
        ByteBuf own = TextFrameHeader.frame(msg.duplicate());
        assertThat(TextFrameHeader.frame(copy.duplicate())).isEqualTo(own);
        msg.release();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 50, 1_000, 100_000})
    void aHeaderForAnotherLengthIsNotFramed(int padding) {
        ByteBuf msg = encoder.error(null, ErrorCode.INVALID_JSON, "x".repeat(padding));
        msg.writerIndex(msg.writerIndex() - 1);
        assertThat(TextFrameHeader.isFramed(msg)).isFalse();
        msg.release();
    }

    @Test
    void aBufferWithoutHeaderIsNotFramed() {
        ByteBuf plain = Unpooled.copiedBuffer("{\"type\":\"x\"}", StandardCharsets.UTF_8);
        assertThat(TextFrameHeader.isFramed(plain)).isFalse();
        ByteBuf padded = Unpooled.buffer(40).writeZero(10).writeBytes("{}".getBytes(StandardCharsets.UTF_8));
        padded.readerIndex(10);
        assertThat(TextFrameHeader.isFramed(padded)).isFalse();
    }
}
