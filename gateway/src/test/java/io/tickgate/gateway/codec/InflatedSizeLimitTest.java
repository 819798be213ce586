package io.tickgate.gateway.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The exact limit on inflated messages, on an EmbeddedChannel. */
class InflatedSizeLimitTest {

    private static TextWebSocketFrame text(int bytes) {
        return new TextWebSocketFrame(Unpooled.copiedBuffer("x".repeat(bytes), StandardCharsets.UTF_8));
    }

    @Test
    void aMessageAtTheLimitPassesOneOverItIsReleasedAndRefused() {
        EmbeddedChannel ch = new EmbeddedChannel(new InflatedSizeLimit(1024));
        ch.writeInbound(text(1024));
        TextWebSocketFrame passed = ch.readInbound();
        assertThat(passed.content().readableBytes()).isEqualTo(1024);
        passed.release();

        TextWebSocketFrame over = text(1025);
        assertThatThrownBy(() -> ch.writeInbound(over)).isInstanceOf(TooLongFrameException.class)
                .hasMessageContaining("1025").hasMessageContaining("1024");
        assertThat(over.refCnt()).as("released").isZero();
        Object none = ch.readInbound();
        assertThat(none).isNull();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void theInflaterGetsRoomAboveTheLimitAndABoundAllTheSame() {
        assertThat(InflatedSizeLimit.inflaterCap(1024)).isEqualTo(3 * 1024 + 512);
        assertThat(InflatedSizeLimit.inflaterCap(Integer.MAX_VALUE / 2)).isEqualTo(Integer.MAX_VALUE - 8);
        assertThatThrownBy(() -> new InflatedSizeLimit(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
