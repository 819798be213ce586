package io.tickgate.bench.load;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Reads the few fields the load generator needs from a server text frame without a JSON parser: the message type
 * prefix, {@code ts} and, for synthetic trades on {@code bench.*} topics, the trade id (the source's publication
 * time in epoch microseconds). It only copies the first {@value #HEAD} bytes of a frame into a scratch array, so the
 * data fast path allocates nothing. Frames it does not recognise go to a real JSON parser.
 *
 * <p>It relies on {@code type} being the first field and {@code ts} coming before {@code data}, as every server of
 * the side-by-side runs writes them; JSON whitespace around {@code :} and {@code ,} is allowed there (Python's
 * {@code json.dumps} writes {@code "type": "data"}). The stamp relies on what the gateway's encoder writes
 * (docs/protocol.md): {@code id} first in a trade's data, no whitespace. If that ever changes the scanner finds no
 * stamp and the generator falls back to {@code ts}; counts stay right either way. With {@code stamps} off it never
 * looks for one, so it does the same work for every server. Not thread-safe: one per event-loop thread.
 */
final class FrameScanner {

    static final int HEAD = 512;
    private static final byte[] OPEN_BRACE = {'{'};
    private static final byte[] COLON = {':'};
    private static final byte[] TYPE = "\"type\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "\"data\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BENCH_TOPIC = "\"topic\":\"bench.".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TS = "\"ts\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA_ID = "\"data\":{\"id\":\"".getBytes(StandardCharsets.US_ASCII);

    private final byte[] head = new byte[HEAD];
    private final boolean stamps;
    private int length;
    private long ts;
    private long stamp;

    /** A scanner that also reads the synthetic source's stamps. */
    FrameScanner() {
        this(true);
    }

    /** @param stamps whether to look for the synthetic source's stamp in {@code bench.*} trades */
    FrameScanner(boolean stamps) {
        this.stamps = stamps;
    }

    /**
     * Scans one frame.
     *
     * @return true for a {@code data} message; then {@link #ts()} and {@link #stampMicros()} hold its stamps
     */
    boolean scan(ByteBuf frame) {
        length = Math.min(HEAD, frame.readableBytes());
        frame.getBytes(frame.readerIndex(), head, 0, length);
        int body = token(colon(token(token(0, OPEN_BRACE), TYPE)), DATA);
        if (body < 0) {
            return false;
        }
        int at = indexOf(TS, body);
        int value = at < 0 ? -1 : colon(at + TS.length);
        ts = value < 0 ? -1 : digits(skipSpace(value));
        stamp = -1;
        if (stamps && indexOf(BENCH_TOPIC, body) >= 0) {
            int id = indexOf(DATA_ID, at < 0 ? body : at);
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

    /** The index after {@code expected}, which must follow {@code at} after optional whitespace; -1 if not. */
    private int token(int at, byte[] expected) {
        if (at < 0) {
            return -1;
        }
        int i = skipSpace(at);
        if (i + expected.length > length) {
            return -1;
        }
        for (int j = 0; j < expected.length; j++) {
            if (head[i + j] != expected[j]) {
                return -1;
            }
        }
        return i + expected.length;
    }

    private int colon(int at) {
        return token(at, COLON);
    }

    private int skipSpace(int at) {
        int i = at;
        while (i < length && (head[i] == ' ' || head[i] == '\t' || head[i] == '\n' || head[i] == '\r')) {
            i++;
        }
        return i;
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
