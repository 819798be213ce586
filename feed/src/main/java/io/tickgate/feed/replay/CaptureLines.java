package io.tickgate.feed.replay;

/** Recognizes the lines of a capture file. */
public final class CaptureLines {

    private CaptureLines() {
    }

    /**
     * The frame on a capture line, or null when the line is not a frame (blank, a connection header such as
     * {@code wss://... <-> 1633998511.15}, a comment). Accepted: {@code <unix seconds>: <frame>} and a bare frame
     * ({@code {...}}, or OKX's {@code pong}).
     */
    public static String frameOf(String line) {
        if (line == null) {
            return null;
        }
        String s = line.strip();
        if (s.isEmpty()) {
            return null;
        }
        if (s.charAt(0) == '{' || s.equals("pong")) {
            return s;
        }
        int i = 0;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
            i++;
        }
        if (i > 0 && i + 1 < s.length() && s.charAt(i) == ':' && s.charAt(i + 1) == ' ') {
            String frame = s.substring(i + 2).strip();
            return frame.isEmpty() ? null : frame;
        }
        return null;
    }

    /** The epoch milliseconds of a {@code <unix seconds>} text such as {@code 1633998512.320639}, or 0. */
    static long millisOf(String seconds) {
        try {
            return (long) (Double.parseDouble(seconds.strip()) * 1000.0);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
