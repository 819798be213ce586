package io.tickgate.feed;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Broken and unusual variants of real frames, for checking that the fast parser and Jackson decode every frame the
 * same way: characters deleted, inserted, replaced (JSON's structural characters, quotes, digits, escapes, non-ASCII,
 * control characters), truncations, duplicated slices, whitespace, escape sequences inside strings and numbers in
 * other JSON forms.
 */
public final class FrameMutations {

    private static final String ALPHABET = "{}[]\",:\\ \t\n0123456789.-+eEtrufalsn\u00e9\u0001x";
    private static final String[] SNIPPETS = {"\\u0041", "\\\"", "\\n", "\\/", "01", "1e5", "-", "1.", ".5", "1E+2",
        "true", "null", "[]", "{}", ",", "\"\"", " ", "\r\n", "99999999999999999999", "\u20ac", "NaN", "0x10"};

    private FrameMutations() {
    }

    /** {@code n} seeded variants of {@code frame}. */
    public static List<String> of(String frame, Random r, int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(mutate(frame, r));
        }
        return out;
    }

    private static String mutate(String f, Random r) {
        int len = f.length();
        int at = r.nextInt(len + 1);
        StringBuilder b = new StringBuilder(f);
        switch (r.nextInt(8)) {
            case 0:
                if (at < len) {
                    b.deleteCharAt(at);
                }
                break;
            case 1:
                b.insert(at, ALPHABET.charAt(r.nextInt(ALPHABET.length())));
                break;
            case 2:
                if (at < len) {
                    b.setCharAt(at, ALPHABET.charAt(r.nextInt(ALPHABET.length())));
                }
                break;
            case 3:
                b.setLength(at);
                break;
            case 4: {
                int from = r.nextInt(len);
                int to = Math.min(len, from + 1 + r.nextInt(20));
                b.insert(at, f, from, to);
                break;
            }
            case 5:
                b.insert(at, SNIPPETS[r.nextInt(SNIPPETS.length)]);
                break;
            case 6: { // a snippet right after an opening quote: escapes and odd text inside strings
                int q = f.indexOf('"', at);
                if (q >= 0) {
                    b.insert(q + 1, SNIPPETS[r.nextInt(SNIPPETS.length)]);
                }
                break;
            }
            default: { // a quoted number unquoted, or the other way round
                int q = f.indexOf("\":\"", at);
                if (q >= 0) {
                    int close = f.indexOf('"', q + 3);
                    if (close > 0) {
                        b.deleteCharAt(close).deleteCharAt(q + 2);
                    }
                }
                break;
            }
        }
        return b.toString();
    }
}
