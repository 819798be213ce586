package io.tickgate.feed;

/** Test helper: venue documentation shows payloads as JavaScript with {@code //} comments; strip them to JSON. */
public final class DocPayloads {

    private DocPayloads() {
    }

    /** Removes {@code // ...} comments outside strings, leaving the JSON exactly as documented otherwise. */
    public static String json(String documented) {
        StringBuilder out = new StringBuilder(documented.length());
        boolean inString = false;
        for (int i = 0; i < documented.length(); i++) {
            char c = documented.charAt(i);
            if (inString) {
                out.append(c);
                if (c == '\\' && i + 1 < documented.length()) {
                    out.append(documented.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
                out.append(c);
            } else if (c == '/' && i + 1 < documented.length() && documented.charAt(i + 1) == '/') {
                while (i < documented.length() && documented.charAt(i) != '\n') {
                    i++;
                }
                out.append('\n');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
