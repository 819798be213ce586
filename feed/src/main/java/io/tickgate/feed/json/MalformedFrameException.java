package io.tickgate.feed.json;

/**
 * Thrown inside a parser when a frame does not have the venue's shape; decoders catch it and return
 * {@link DecodeStatus#MALFORMED}, so it never leaves the hot path. Stack traces are not filled (cheap to throw).
 */
public final class MalformedFrameException extends RuntimeException {

    public MalformedFrameException(String message) {
        super(message, null, false, false);
    }
}
