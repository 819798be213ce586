package io.tickgate.feed;

import io.tickgate.feed.json.DecodeStatus;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A time-bounded, seeded fuzz loop over a venue decoder's live path (frames in direct pooled buffers, as the socket
 * hands them over): each input is a corpus frame with one to three stacked {@link FrameMutations} and, one time in
 * four, a byte replaced by invalid UTF-8. No exception may escape, a MALFORMED frame must say why, and after every
 * input a real frame must still decode as it did at first (the decoder lives on).
 */
public final class DecoderFuzz {

    /** The decoder under test, on one frame. */
    @FunctionalInterface
    public interface Decode {
        DecodeStatus decode(ByteBuf frame);
    }

    /** What a run tried: inputs, and how many came back MALFORMED, IGNORED and OK. */
    public record Stats(int inputs, int malformed, int ignored, int ok) {
    }

    private static final byte[] BAD_UTF8 = {(byte) 0x80, (byte) 0xC3, (byte) 0xFF, (byte) 0xED, 0x00};

    private DecoderFuzz() {
    }

    /**
     * Fuzzes {@code decode} with at least {@code minInputs} inputs, then on for up to {@code seconds} in all (at most
     * {@code maxInputs}); {@code probe} decodes a real frame and returns a description of its result, which must not
     * change.
     */
    public static Stats run(List<String> corpus, long seed, int seconds, int minInputs, int maxInputs, Decode decode,
                            Supplier<String> lastError, Supplier<String> probe) {
        Random r = new Random(seed);
        String expected = probe.get();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int n = 0;
        int malformed = 0;
        int ignored = 0;
        while (n < minInputs || (n < maxInputs && System.nanoTime() < deadline)) {
            String text = corpus.get(r.nextInt(corpus.size()));
            for (int i = 1 + r.nextInt(3); i > 0 && !text.isEmpty(); i--) {
                text = FrameMutations.of(text, r, 1).get(0);
            }
            byte[] input = text.getBytes(StandardCharsets.UTF_8);
            if (input.length > 0 && r.nextInt(4) == 0) {
                input[r.nextInt(input.length)] = BAD_UTF8[r.nextInt(BAD_UTF8.length)];
            }
            String what = "input " + n + " (seed " + seed + "): " + new String(input, StandardCharsets.ISO_8859_1);
            ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(input.length).writeBytes(input);
            DecodeStatus status;
            try {
                status = decode.decode(buf);
            } finally {
                buf.release();
            }
            assertThat(status).as(what).isNotNull();
            if (status == DecodeStatus.MALFORMED) {
                assertThat(lastError.get()).as("reason for " + what).isNotBlank();
                malformed++;
            } else if (status == DecodeStatus.IGNORED) {
                ignored++;
            }
            assertThat(probe.get()).as("a real frame after " + what).isEqualTo(expected);
            n++;
        }
        return new Stats(n, malformed, ignored, n - malformed - ignored);
    }
}
