package io.tickgate.gateway.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tickgate.gateway.codec.TextFrameHeader;
import io.tickgate.gateway.metrics.GatewayMetrics;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Pre-framed messages as the encoder leaves them, a connection's outbound path writing them raw, and the bytes a test
 * channel was given.
 */
final class TestFrames {

    private TestFrames() {
    }

    /**
     * The outbound path of a connection on {@code ch} as after the handshake without extensions: raw frames written
     * from a stand-in frame encoder, the {@link OutboundHandler} after it.
     */
    static ConnectionOutbound rawOutbound(EmbeddedChannel ch, ConnectionOutbound.Limits limits, GatewayMetrics metrics,
                                          OutboundBudget total) {
        ch.pipeline().addLast("frame-encoder", new ChannelOutboundHandlerAdapter());
        ConnectionOutbound out = new ConnectionOutbound(ch, limits, metrics, total);
        ch.pipeline().addLast(new OutboundHandler(out));
        out.enableRawFrames(ch.pipeline().context("frame-encoder"));
        return out;
    }

    /**
     * A pre-framed text message: header before the reader index, payload readable. The whole frame's bytes (header
     * and payload) are appended to {@code expected}.
     */
    static ByteBuf preFramed(String json, ByteArrayOutputStream expected) {
        byte[] payload = json.getBytes(StandardCharsets.UTF_8);
        int header = TextFrameHeader.length(payload.length);
        ByteBuf buf = Unpooled.buffer(TextFrameHeader.MAX_LENGTH + payload.length);
        buf.writerIndex(TextFrameHeader.MAX_LENGTH - header);
        buf.writeByte(0x81);
        if (payload.length < 126) {
            buf.writeByte(payload.length);
        } else {
            buf.writeByte(126);
            buf.writeShort(payload.length);
        }
        int start = buf.writerIndex();
        buf.writeBytes(payload);
        buf.readerIndex(start);
        byte[] whole = new byte[header + payload.length];
        buf.getBytes(start - header, whole);
        expected.writeBytes(whole);
        return buf;
    }

    /** Checks that each shared frame a test handed out still holds only the caller's reference, then releases it. */
    static void releaseShared(List<ByteBuf> frames) {
        for (ByteBuf b : frames) {
            assertThat(b.refCnt()).as("the shared frame is the caller's: one reference left").isEqualTo(1);
            b.release();
        }
    }

    /** Every buffer written to {@code ch} so far, as bytes (each released). */
    static List<byte[]> writes(EmbeddedChannel ch) {
        List<byte[]> list = new ArrayList<>();
        Object o;
        while ((o = ch.readOutbound()) != null) {
            ByteBuf b = (ByteBuf) o;
            byte[] bytes = new byte[b.readableBytes()];
            b.readBytes(bytes);
            b.release();
            list.add(bytes);
        }
        return list;
    }
}
