package io.tickgate.gateway.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A small seeded mutation engine for fuzz tests: each input is a corpus entry (or a splice of two) with one to four
 * stacked byte-level mutations: bit flips, bytes deleted, inserted or replaced (JSON's structural characters, digits,
 * invalid UTF-8, control characters), truncations, duplicated slices and JSON snippets. The same seed gives the same
 * inputs, so a failure names its seed and input and can be replayed.
 */
public final class SeededMutator {

    private static final byte[] INTERESTING = "{}[]\",:\\ \t\n0123456789.-+eEtrufalsn*".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ODD = {(byte) 0x80, (byte) 0xC3, (byte) 0xFF, (byte) 0xED, (byte) 0xA0, 0x00, 0x01,
        0x7F, (byte) 0xF0, (byte) 0x9F};
    private static final String[] SNIPPETS = {"\\u0041", "\\\"", "\\ud800", "01", "1e309", "-0", "1.", "true", "null",
        "[]", "{}", ",", "\"\"", "99999999999999999999", "\u20ac", "NaN", "\"*\"", "\"a.b.c\"", "{\"epoch\":1}",
        "[[[[[[[[[[[[[[[[[[[[", "\"subscribe\"", "\"topics\":[]", "\"resume\":{}"};

    private final List<byte[]> corpus;
    private final Random random;

    public SeededMutator(List<byte[]> corpus, long seed) {
        this.corpus = List.copyOf(corpus);
        this.random = new Random(seed);
    }

    /** The next input. */
    public byte[] next() {
        byte[] b = corpus.get(random.nextInt(corpus.size()));
        if (random.nextInt(8) == 0) {
            byte[] other = corpus.get(random.nextInt(corpus.size()));
            int cut = random.nextInt(b.length + 1);
            int from = random.nextInt(other.length + 1);
            byte[] spliced = Arrays.copyOf(b, cut + other.length - from);
            System.arraycopy(other, from, spliced, cut, other.length - from);
            b = spliced;
        }
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            b = mutate(b);
        }
        return b;
    }

    private byte[] mutate(byte[] in) {
        int len = in.length;
        int at = random.nextInt(len + 1);
        switch (random.nextInt(8)) {
            case 0:
                return len == 0 ? in : flip(in, random.nextInt(len));
            case 1:
                return len == 0 || at == len ? in : splice(in, at, at + 1, new byte[0]);
            case 2:
                return splice(in, at, at, new byte[] {pick(INTERESTING)});
            case 3:
                return len == 0 || at == len ? in : splice(in, at, at + 1, new byte[] {pick(INTERESTING)});
            case 4:
                return Arrays.copyOf(in, at);
            case 5: {
                int from = random.nextInt(len + 1);
                int to = Math.min(len, from + 1 + random.nextInt(24));
                return splice(in, at, at, Arrays.copyOfRange(in, from, to));
            }
            case 6:
                return splice(in, at, at, new byte[] {pick(ODD)});
            default:
                return splice(in, at, at, SNIPPETS[random.nextInt(SNIPPETS.length)].getBytes(StandardCharsets.UTF_8));
        }
    }

    private byte pick(byte[] from) {
        return from[random.nextInt(from.length)];
    }

    private byte[] flip(byte[] in, int at) {
        byte[] out = in.clone();
        out[at] ^= (byte) (1 << random.nextInt(8));
        return out;
    }

    private static byte[] splice(byte[] in, int from, int to, byte[] insert) {
        byte[] out = new byte[in.length - (to - from) + insert.length];
        System.arraycopy(in, 0, out, 0, from);
        System.arraycopy(insert, 0, out, from, insert.length);
        System.arraycopy(in, to, out, from + insert.length, in.length - to);
        return out;
    }
}
