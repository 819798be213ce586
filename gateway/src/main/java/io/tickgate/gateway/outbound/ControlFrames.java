package io.tickgate.gateway.outbound;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Whole server control frames (RFC 6455 §5.5: FIN, an opcode, no mask, a payload of at most 125 bytes) as plain
 * bytes, for {@link ConnectionOutbound#deliverControl}: they go through the connection's queue and budget like any
 * message, and pass the WebSocket encoders untouched (control frames are never compressed).
 */
public final class ControlFrames {

    /** Largest control-frame payload. */
    public static final int MAX_PAYLOAD = 125;
    private static final int FIN_PONG = 0x8A;

    private ControlFrames() {
    }

    /** A pong echoing {@code payload}'s readable bytes (at most {@value #MAX_PAYLOAD}; the caller keeps it). */
    public static ByteBuf pong(ByteBufAllocator alloc, ByteBuf payload) {
        int len = payload.readableBytes();
        if (len > MAX_PAYLOAD) {
            throw new IllegalArgumentException("control frame payload of " + len + " bytes");
        }
        ByteBuf frame = alloc.buffer(2 + len);
        frame.writeByte(FIN_PONG);
        frame.writeByte(len);
        frame.writeBytes(payload, payload.readerIndex(), len);
        return frame;
    }
}
