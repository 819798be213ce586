package io.tickgate.gateway.codec;

import io.netty.buffer.ByteBuf;

/**
 * The WebSocket header of a server text frame (FIN, opcode 1, no mask: RFC 6455 §5.2), written once in front of a
 * serialized message so that every uncompressed subscriber can be sent the same bytes as a raw {@link ByteBuf}
 * (Netty's frame encoder lets a {@code ByteBuf} pass untouched) instead of a {@code TextWebSocketFrame} the encoder
 * would copy per connection.
 *
 * <p>A framed buffer's readable bytes are still the message alone (the JSON); the header sits just before the
 * reader index, where {@link ServerMessageEncoder} leaves room for it. {@link #frame} moves the reader index back
 * over it on a caller's own duplicate.
 */
public final class TextFrameHeader {

    /** Room left in front of each message for its header. */
    public static final int MAX_LENGTH = 10;
    private static final byte FIN_TEXT = (byte) 0x81;

    private TextFrameHeader() {
    }

    /** Header bytes for a payload of {@code payloadLength} bytes. */
    public static int length(int payloadLength) {
        return payloadLength < 126 ? 2 : payloadLength <= 0xFFFF ? 4 : 10;
    }

    /** Appends the header of a text frame with a payload of {@code payloadLength} bytes to {@code out}. */
    public static void append(ByteBuf out, int payloadLength) {
        int n = length(payloadLength);
        out.ensureWritable(n);
        int at = out.writerIndex();
        set(out, at, payloadLength);
        out.writerIndex(at + n);
    }

    /** Writes the header for {@code buf}'s readable bytes just before its reader index (which must have room). */
    static void writeBefore(ByteBuf buf) {
        int len = buf.readableBytes();
        set(buf, buf.readerIndex() - length(len), len);
    }

    /** The header for a payload of {@code len} bytes, at {@code at} (room for {@link #length} bytes there). */
    private static void set(ByteBuf buf, int at, int len) {
        buf.setByte(at, FIN_TEXT);
        if (len < 126) {
            buf.setByte(at + 1, len);
        } else if (len <= 0xFFFF) {
            buf.setByte(at + 1, 126);
            buf.setShort(at + 2, len);
        } else {
            buf.setByte(at + 1, 127);
            buf.setLong(at + 2, len);
        }
    }

    /**
     * True when a text frame header for exactly {@code buf}'s readable bytes precedes them. Read as one short or int
     * (big-endian, as on the wire) for the usual lengths: each read of a shared buffer checks its reference count, on
     * a cache line other threads update, so the check costs one read, not three.
     */
    public static boolean isFramed(ByteBuf buf) {
        int len = buf.readableBytes();
        int at = buf.readerIndex() - length(len);
        if (at < 0) {
            return false;
        }
        if (len < 126) {
            return buf.getShort(at) == (short) ((FIN_TEXT & 0xFF) << 8 | len);
        }
        if (len <= 0xFFFF) {
            return buf.getInt(at) == ((FIN_TEXT & 0xFF) << 24 | 126 << 16 | len);
        }
        return buf.getByte(at) == FIN_TEXT && buf.getByte(at + 1) == 127 && buf.getLong(at + 2) == len;
    }

    /**
     * Moves {@code buf}'s reader index back over its header: it then holds the whole frame, ready to be written to a
     * socket. Only for a buffer the caller owns the indices of (a duplicate) and that {@link #isFramed}.
     */
    public static ByteBuf frame(ByteBuf buf) {
        return buf.readerIndex(buf.readerIndex() - length(buf.readableBytes()));
    }
}
