package io.tickgate.client;

/**
 * A {@link TickgateClient#publish} the server refused ({@code code} as in docs/protocol.md: {@code FORBIDDEN},
 * {@code INVALID_TOPIC}, {@code INVALID_JSON}, {@code MESSAGE_TOO_LARGE}, {@code UNAVAILABLE}), or one whose outcome
 * the client cannot know: {@code NOT_CONNECTED} (nothing sent) and {@code CONNECTION_LOST} (sent, the connection
 * dropped before the answer: the server may have taken it, so it is not resent).
 */
public final class PublishException extends RuntimeException {

    private final String code;

    public PublishException(String code, String message) {
        super(code + ": " + message);
        this.code = code;
    }

    /** The server's error code, or {@code NOT_CONNECTED}/{@code CONNECTION_LOST}. */
    public String code() {
        return code;
    }
}
