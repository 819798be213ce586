package io.tickgate.feed.json;

import io.tickgate.feed.FrameMutations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fast parser produces exactly Jackson's tokens, or declines: compared token by token on random JSON documents
 * and on mutated ones. It must never accept what Jackson rejects.
 */
@Timeout(60)
class FrameParserTest {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    /** One token as both parsers describe it. */
    private record Tok(JsonToken token, String text, Long longValue) {
    }

    private static List<Tok> jackson(String doc) throws IOException {
        List<Tok> out = new ArrayList<>();
        try (JsonParser p = JSON.createParser(doc)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                out.add(tok(p, t));
            }
        }
        return out;
    }

    private static Tok tok(JsonParser p, JsonToken t) throws IOException {
        Long l = null;
        if (t == JsonToken.VALUE_NUMBER_INT && p.getTextLength() <= 18) {
            l = p.getLongValue();
        }
        String chars = p.hasTextCharacters()
                ? new String(p.getTextCharacters(), p.getTextOffset(), p.getTextLength()) : p.getText();
        assertThat(chars).isEqualTo(p.getText());
        return new Tok(t, p.getText(), l);
    }

    /** The fast parser's tokens; null when it declined. */
    private static List<Tok> fast(FrameParser p, String doc, boolean bytes) throws IOException {
        List<Tok> out = new ArrayList<>();
        boolean started;
        if (bytes) {
            byte[] b = ("xx" + doc).getBytes(StandardCharsets.UTF_8);
            started = p.reset(b, 2, b.length - 2);
        } else {
            started = p.reset(doc);
        }
        if (!started) {
            return null;
        }
        try {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                out.add(tok(p, t));
            }
            return out;
        } catch (FrameParser.Fallback declined) {
            return null;
        }
    }

    /** Compares one document; true when the fast parser took it. */
    private static boolean compare(FrameParser p, String doc, boolean bytes) throws IOException {
        List<Tok> reference;
        try {
            reference = jackson(doc);
        } catch (IOException | RuntimeException rejected) {
            assertThat(fast(p, doc, bytes)).as("Jackson rejects %s, so must the fast parser", doc).isNull();
            return false;
        }
        List<Tok> mine = fast(p, doc, bytes);
        if (mine != null) {
            assertThat(mine).as(doc).isEqualTo(reference);
        }
        return mine != null;
    }

    @Test
    void plainDocumentsGiveJacksonsTokens() throws IOException {
        FrameParser p = new FrameParser();
        String[] docs = {"{}", "[]", "{\"a\":1}", " { \"a\" : [ 1 , -2.5 , 3e7 , 0 , -0 , 1E-2 ] , \"b\" : { } } ",
            "{\"s\":\"x y\",\"t\":true,\"f\":false,\"n\":null,\"u\":\"\u00e9\u20ac\"}", "[[[[\"deep\"]]]]",
            "{\"n\":123456789012345678,\"m\":-123456789012345678}", "\"just a string\"", "42", "\n{\"a\":\"b\"}\r\n"};
        for (String doc : docs) {
            assertThat(compare(p, doc, false)).as(doc).isTrue();
        }
        // non-ASCII bytes go to Jackson (it validates UTF-8); the same text as a String is taken
        assertThat(compare(p, "{\"u\":\"\u00e9\"}", true)).isFalse();
        assertThat(compare(p, "{\"u\":\"ascii\"}", true)).isTrue();
    }

    @Test
    void declinesWhatJacksonRejectsOrDecidesDifferently() throws IOException {
        FrameParser p = new FrameParser();
        String[] declined = {"{\"a\":01}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":-}", "{\"a\":1e}", "{\"a\":+1}",
            "{\"a\":NaN}", "{\"a\":tru}", "{\"a\":truex}", "{\"a\":1x}", "{\"a\":1,}", "[1,]", "{,}", "{\"a\"1}",
            "{\"a\":\"\\u0041\"}", "{\"a\\n\":1}", "{\"a\":\"tab\there\"}", "{\"a\":1}{}", "{\"a\":1} x", "{\"a\":[}",
            "{\"a\":1", "", "   ", "{\"a\":\"open", "{'a':1}", "{a:1}", "[1 2]", "{\"a\":1 \"b\":2}",
            "{\"a\":[1]]"};
        for (String doc : declined) {
            assertThat(compare(p, doc, false)).as(doc).isFalse();
        }
        assertThat(p.reset("{\"big\":1234567890123456789}")).isTrue();
        p.nextToken();
        p.nextToken();
        assertThat(p.nextToken()).isEqualTo(JsonToken.VALUE_NUMBER_INT);
        assertThatThrownBy(p::getLongValue).as("19 digits: Jackson's call").isInstanceOf(FrameParser.Fallback.class);
        String deep = "[".repeat(FrameParser.MAX_DEPTH + 1) + "]".repeat(FrameParser.MAX_DEPTH + 1);
        assertThat(compare(p, deep, false)).as("deeper than MAX_DEPTH").isFalse();
        assertThat(p.reset("x".repeat(FrameParser.MAX_FRAME_CHARS + 1))).as("too long for the buffer").isFalse();
    }

    @Test
    void randomDocumentsAndTheirMutationsAgreeWithJackson() throws IOException {
        Random r = new Random(20261121);
        FrameParser p = new FrameParser();
        int taken = 0;
        int total = 0;
        for (int i = 0; i < 3_000; i++) {
            String doc = value(r, 0);
            if (compare(p, doc, r.nextBoolean())) {
                taken++;
            }
            total++;
            for (String m : FrameMutations.of(doc, r, 5)) {
                compare(p, m, r.nextBoolean());
                total++;
            }
        }
        // the comparison means something only if the fast parser takes the plain documents
        assertThat(taken).as("plain random documents taken by the fast parser").isGreaterThan(2_000);
        assertThat(total).isEqualTo(18_000);
    }

    /** A random JSON value: mostly what venues send, sometimes escapes and unusual numbers. */
    private static String value(Random r, int depth) {
        int kind = depth > 4 ? 3 + r.nextInt(4) : r.nextInt(7);
        switch (kind) {
            case 0:
            case 1: {
                StringBuilder b = new StringBuilder("{");
                int n = r.nextInt(5);
                for (int i = 0; i < n; i++) {
                    b.append(i > 0 ? "," : "").append(ws(r)).append(string(r)).append(ws(r)).append(':')
                            .append(ws(r)).append(value(r, depth + 1));
                }
                return b.append(ws(r)).append('}').toString();
            }
            case 2: {
                StringBuilder b = new StringBuilder("[");
                int n = r.nextInt(5);
                for (int i = 0; i < n; i++) {
                    b.append(i > 0 ? "," : "").append(ws(r)).append(value(r, depth + 1));
                }
                return b.append(ws(r)).append(']').toString();
            }
            case 3:
            case 4:
                return string(r);
            case 5:
                return number(r);
            default:
                return new String[] {"true", "false", "null"}[r.nextInt(3)];
        }
    }

    private static String ws(Random r) {
        return r.nextInt(6) == 0 ? new String[] {" ", "\n", "\t ", "\r\n"}[r.nextInt(4)] : "";
    }

    private static String string(Random r) {
        StringBuilder b = new StringBuilder("\"");
        int n = r.nextInt(12);
        for (int i = 0; i < n; i++) {
            int c = r.nextInt(40);
            if (c == 0) {
                b.append("\\\"");
            } else if (c == 1) {
                b.append("\\u00e9");
            } else if (c == 2) {
                b.append('\u00e9');
            } else if (c < 12) {
                b.append((char) ('0' + r.nextInt(10)));
            } else {
                b.append((char) ('a' + r.nextInt(26)));
            }
        }
        return b.append('"').toString();
    }

    private static String number(Random r) {
        StringBuilder b = new StringBuilder();
        if (r.nextBoolean()) {
            b.append('-');
        }
        b.append(r.nextInt(5) == 0 ? "0" : Long.toString(1 + (r.nextLong() & Long.MAX_VALUE) % 1_000_000_000L));
        if (r.nextInt(3) == 0) {
            b.append('.').append(r.nextInt(100_000));
        }
        if (r.nextInt(8) == 0) {
            b.append(r.nextBoolean() ? 'e' : 'E').append(r.nextBoolean() ? "-" : "").append(r.nextInt(30));
        }
        return b.toString();
    }
}
