package io.tickgate.bench.load;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Reads the few fields the load generator needs from a server text frame without a JSON parser: the message type
 * prefix, {@code ts} and, for synthetic trades on {@code bench.*} topics, the trade id (the source's publication
 * time in epoch microseconds). It only copies the first {@value #HEAD} bytes of a frame into a scratch array, so the
 * data fast path allocates nothing. Frames it does not recognise go to a real JSON parser.
 *
 * <p>It relies on what the gateway's encoder writes (docs/protocol.md): {@code type} first; {@code ts} and
 * {@code data} after the envelope fields; {@code id} first in a trade's data. If that ever changes the scanner
 * finds no stamp and the generator falls back to {@code ts}; counts stay right either way. Not thread-safe: one per
 * event-loop thread.
 */
final class FrameScanner {

    static final int HEAD = 512;
    private static final byte[] DATA_PREFIX = "{\"type\":\"data\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BENCH_TOPIC = "\"topic\":\"bench.".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TS = "\"ts\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA_ID = "\"data\":{\"id\":\"".getBytes(StandardCharsets.US_ASCII);

    private final byte[] head = new byte[HEAD];
    private int length;
    private long ts;
    private long stamp;

    /**
     * Scans one frame.
     *
     * @return true for a {@code data} message; then {@link #ts()} and {@link #stampMicros()} hold its stamps
     */
    boolean scan(ByteBuf frame) {
        length = Math.min(HEAD, frame.readableBytes());
        frame.getBytes(frame.readerIndex(), head, 0, length);
        if (!startsWith(DATA_PREFIX)) {
            return false;
        }
        int at = indexOf(TS, DATA_PREFIX.length);
        ts = at < 0 ? -1 : digits(at + TS.length);
        stamp = -1;
        if (indexOf(BENCH_TOPIC, DATA_PREFIX.length) >= 0) {
            int id = indexOf(DATA_ID, at < 0 ? DATA_PREFIX.length : at);
            if (id >= 0) {
                stamp = digits(id + DATA_ID.length);
            }
        }
        return true;
    }

    /** The {@code ts} field (ingest epoch ms) of the last data frame, -1 if absent. */
    long ts() {
        return ts;
    }

    /** The synthetic source's stamp (epoch µs) of the last data frame, -1 if it is not a synthetic trade. */
    long stampMicros() {
        return stamp;
    }

    private boolean startsWith(byte[] prefix) {
        if (length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (head[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private int indexOf(byte[] needle, int from) {
        int last = length - needle.length;
        outer:
        for (int i = from; i <= last; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (head[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The non-negative decimal integer starting at {@code at}, -1 if there is none (or it overflows). */
    private long digits(int at) {
        long v = 0;
        int i = at;
        while (i < length && head[i] >= '0' && head[i] <= '9') {
            if (i - at >= 18) {
                return -1;
            }
            v = v * 10 + (head[i] - '0');
            i++;
        }
        if (i == at || i == HEAD) { // nothing, or cut off at the end of the scanned head
            return -1;
        }
        return v;
    }
}
