package io.tickgate.store.postgres;

import java.nio.charset.StandardCharsets;

/**
 * Builds the body of a {@code COPY .. FROM STDIN} in PostgreSQL's text format: tab between columns, a newline per
 * row, backslash escapes for the characters that would break the framing (a venue's trade id is free text).
 */
final class CopyText {

    private final StringBuilder sb = new StringBuilder(64 * 1024);
    private boolean rowStarted;

    CopyText column(String value) {
        separator();
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(ch);
            }
        }
        return this;
    }

    CopyText column(long value) {
        separator();
        sb.append(value);
        return this;
    }

    CopyText endRow() {
        sb.append('\n');
        rowStarted = false;
        return this;
    }

    byte[] bytes() {
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void separator() {
        if (rowStarted) {
            sb.append('\t');
        }
        rowStarted = true;
    }
}
