package io.tickgate.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReservedBitsHandlerTest {

    private final List<Throwable> errors = new ArrayList<>();
    private final EmbeddedChannel ch = new EmbeddedChannel(new ReservedBitsHandler(),
            new ChannelInboundHandlerAdapter() {
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            errors.add(cause);
        }
    });

    @Test
    void framesWithoutReservedBitsPassThrough() {
        TextWebSocketFrame f = new TextWebSocketFrame("{}");
        ch.writeInbound(f);
        TextWebSocketFrame out = ch.readInbound();
        assertThat(out).isSameAs(f);
        assertThat(errors).isEmpty();
        f.release();
    }

    @Test
    void anyReservedBitFailsWithProtocolErrorAndDropsTheRest() {
        TextWebSocketFrame bad = new TextWebSocketFrame(false, 2, "{");
        TextWebSocketFrame after = new TextWebSocketFrame("{}");
        assertThat(ch.writeInbound(bad, after)).as("nothing passes").isFalse();
        assertThat(bad.refCnt()).as("dropped frame released").isZero();
        assertThat(after.refCnt()).isZero();
        assertThat(errors).singleElement().isInstanceOfSatisfying(CorruptedWebSocketFrameException.class,
                e -> assertThat(e.closeStatus()).isEqualTo(WebSocketCloseStatus.PROTOCOL_ERROR));
    }

    @Test
    void rsv1OnAControlFrameFails() {
        PingWebSocketFrame ping = new PingWebSocketFrame(true, 4, Unpooled.buffer(0));
        assertThat(ch.writeInbound(ping)).isFalse();
        assertThat(ping.refCnt()).isZero();
        assertThat(errors).hasSize(1);
    }
}
