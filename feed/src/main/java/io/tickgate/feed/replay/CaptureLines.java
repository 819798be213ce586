package io.tickgate.feed.replay;

import java.util.Arrays;
import java.util.List;

/**
 * Recognizes the lines of a capture file: tickgate's recording format ({@link io.tickgate.feed.record.RecordingFormat})
 * and cryptofeed's, which it extends.
 */
public final class CaptureLines {

    private CaptureLines() {
    }

    /** What a line is. */
    public enum Kind {
        /** A text frame ({@link Line#frame()}, {@link Line#millis()} its receive time or -1 when the line has none). */
        FRAME,
        /** {@code @socket N}: the frames below came from socket N. */
        SOCKET,
        /** {@code @own N SYMBOLS}. */
        OWN,
        /** {@code @candidate N SYMBOLS}. */
        CANDIDATE,
        /** {@code @handoff FROM TO SYMBOLS}. */
        HANDOFF,
        /** Blank, a comment, a connection header, or anything else that is no frame. */
        SKIP,
        /** A {@code @} line that does not parse. */
        BAD
    }

    /**
     * One parsed line.
     *
     * @param kind    what it is
     * @param millis  a frame's receive time (epoch ms), -1 if the line carries none
     * @param frame   a frame's text
     * @param session the socket of {@code @socket}, {@code @own}, {@code @candidate}; the {@code from} of a handoff
     * @param to      the {@code to} of a handoff
     * @param symbols the symbols of a marker
     */
    public record Line(Kind kind, long millis, String frame, long session, long to, List<String> symbols) {

        static final Line SKIPPED = new Line(Kind.SKIP, -1, null, 0, 0, List.of());
        static final Line BAD_LINE = new Line(Kind.BAD, -1, null, 0, 0, List.of());
    }

    /** Parses one line; never throws. */
    public static Line parse(String line) {
        if (line == null) {
            return Line.SKIPPED;
        }
        String s = line.strip();
        if (s.isEmpty()) {
            return Line.SKIPPED;
        }
        if (s.charAt(0) == '@') {
            return directive(s);
        }
        if (s.charAt(0) == '{' || s.equals("pong")) {
            return new Line(Kind.FRAME, -1, s, 0, 0, List.of());
        }
        int i = prefixEnd(s);
        if (i > 0) {
            String frame = s.substring(i + 2).strip();
            if (!frame.isEmpty()) {
                return new Line(Kind.FRAME, millisOf(s.substring(0, i)), frame, 0, 0, List.of());
            }
        }
        return Line.SKIPPED;
    }

    /**
     * The frame on a capture line, or null when the line is not a frame (blank, a connection header such as
     * {@code wss://... <-> 1633998511.15}, a comment, a {@code @} line). Accepted: {@code <unix seconds>: <frame>} and
     * a bare frame ({@code {...}}, or OKX's {@code pong}).
     */
    public static String frameOf(String line) {
        Line l = parse(line);
        return l.kind() == Kind.FRAME ? l.frame() : null;
    }

    /** The index of the {@code ': '} after a {@code <unix seconds>} prefix, or -1. */
    private static int prefixEnd(String s) {
        int i = 0;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
            i++;
        }
        return i > 0 && i + 1 < s.length() && s.charAt(i) == ':' && s.charAt(i + 1) == ' ' ? i : -1;
    }

    private static Line directive(String s) {
        String[] f = s.split(" +");
        try {
            switch (f[0]) {
                case "@socket":
                    return f.length == 2 ? new Line(Kind.SOCKET, -1, null, id(f[1]), 0, List.of()) : Line.BAD_LINE;
                case "@own":
                case "@candidate":
                    if (f.length != 3) {
                        return Line.BAD_LINE;
                    }
                    return new Line(f[0].equals("@own") ? Kind.OWN : Kind.CANDIDATE, -1, null, id(f[1]), 0,
                            symbols(f[2]));
                case "@handoff":
                    if (f.length != 4) {
                        return Line.BAD_LINE;
                    }
                    long from = Long.parseLong(f[1]);
                    if (from < -1) {
                        return Line.BAD_LINE;
                    }
                    return new Line(Kind.HANDOFF, -1, null, from, id(f[2]), symbols(f[3]));
                default:
                    return Line.BAD_LINE;
            }
        } catch (NumberFormatException e) {
            return Line.BAD_LINE;
        }
    }

    private static long id(String text) {
        long id = Long.parseLong(text);
        if (id <= 0) {
            throw new NumberFormatException("socket ids are positive: " + text);
        }
        return id;
    }

    private static List<String> symbols(String list) {
        List<String> out = Arrays.stream(list.split(",")).filter(x -> !x.isBlank()).toList();
        if (out.isEmpty()) {
            throw new NumberFormatException("no symbols");
        }
        return out;
    }

    /** The epoch milliseconds of a {@code <unix seconds>} text such as {@code 1633998512.320639}, or -1. */
    static long millisOf(String seconds) {
        try {
            double v = Double.parseDouble(seconds.strip());
            return v >= 0 && v < 1e11 ? Math.round(Math.floor(v * 1000.0 + 1e-6)) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
