package io.tickgate.feed.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Runs a decoder's streaming pass over one frame: first with the reusable {@link FrameParser}, and when that
 * declines the frame, again from the start with Jackson's own parser, which then decides (and words the error for
 * malformed JSON). The pass must not emit anything before it has read the whole frame, so a declined attempt leaves
 * no trace. Exceptions become {@link DecodeStatus#MALFORMED} with the exception's message; nothing is thrown.
 *
 * <p>Not thread-safe: one per decoder.
 */
public final class FrameReader {

    /** Which parser reads frames. */
    public enum Path {
        /** {@link FrameParser}, with Jackson for the frames it declines: the live path. */
        FAST,
        /** Jackson only: the reference the fast path is tested and benchmarked against. */
        JACKSON
    }

    /** A decoder's pass over one frame. */
    @FunctionalInterface
    public interface Pass {
        DecodeStatus read(JsonParser p) throws IOException;
    }

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final FrameParser fast;
    private final Pass pass;
    private final DecodeErrors errors;
    private long fallbacks;
    private byte[] bytes = new byte[1024];

    public FrameReader(Path path, Pass pass, DecodeErrors errors) {
        this.fast = path == Path.FAST ? new FrameParser() : null;
        this.pass = pass;
        this.errors = errors;
    }

    /** Reads one text frame. */
    public DecodeStatus read(String frame) {
        if (fast != null && fast.reset(frame)) {
            DecodeStatus s = readFast();
            if (s != null) {
                return s;
            }
        }
        try (JsonParser p = JSON.createParser(frame)) {
            return pass.read(p);
        } catch (IOException | RuntimeException e) {
            return errors.malformed(e.getMessage());
        }
    }

    /** Reads one frame given as UTF-8 bytes. */
    public DecodeStatus read(byte[] utf8, int offset, int length) {
        if (fast != null && fast.reset(utf8, offset, length)) {
            DecodeStatus s = readFast();
            if (s != null) {
                return s;
            }
        }
        try (JsonParser p = JSON.createParser(utf8, offset, length)) {
            return pass.read(p);
        } catch (IOException | RuntimeException e) {
            return errors.malformed(e.getMessage());
        }
    }

    /** The pass over the frame the fast parser was reset to; null when it declined (Jackson reads it then). */
    private DecodeStatus readFast() {
        try {
            return pass.read(fast);
        } catch (FrameParser.Fallback declined) {
            fallbacks++;
            return null;
        } catch (IOException | RuntimeException e) {
            return errors.malformed(e.getMessage());
        }
    }

    /**
     * Reads one frame given as UTF-8 bytes in a buffer, e.g. a WebSocket frame's content (not consumed): the bytes are
     * copied once into a reusable array, with no {@code String} made of the frame.
     */
    public DecodeStatus read(ByteBuf utf8) {
        int n = utf8.readableBytes();
        if (n > FrameParser.MAX_FRAME_CHARS) {
            return read(utf8.toString(StandardCharsets.UTF_8)); // too long for the reusable arrays
        }
        if (bytes.length < n) {
            bytes = new byte[Math.max(n, bytes.length * 2)];
        }
        utf8.getBytes(utf8.readerIndex(), bytes, 0, n);
        return read(bytes, 0, n);
    }

    /** Frames the fast path declined and Jackson read instead (not counting frames too long to try). */
    public long fallbacks() {
        return fallbacks;
    }
}
