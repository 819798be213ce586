package io.tickgate.gateway.auth;

import java.util.Locale;

/** A token was refused; {@link #reason()} says why in a few words (sent as the close reason). */
public final class AuthException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why a token was refused; {@link #text()} is the short close reason, {@link #tag()} the metric tag. */
    public enum Reason {
        MISSING("token required"),
        TIMEOUT("no auth message in time"),
        MALFORMED("malformed token"),
        ALGORITHM("algorithm not allowed"),
        UNKNOWN_KEY("no matching key"),
        BAD_SIGNATURE("bad signature"),
        EXPIRED("token expired"),
        NOT_YET_VALID("token not yet valid"),
        WRONG_ISSUER("wrong issuer"),
        WRONG_AUDIENCE("wrong audience"),
        MISSING_CLAIM("missing claim"),
        SUBJECT_CHANGED("refresh for another subject"),
        KEYS_UNAVAILABLE("keys unavailable"),
        BUSY("server busy");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        /** The close reason, e.g. {@code token expired}. */
        public String text() {
            return text;
        }

        /** The metric tag, e.g. {@code expired}. */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Reason reason;

    public AuthException(Reason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
