package io.tickgate.model.topic;

/** Thrown when a topic name or pattern does not follow {@code <source>.<SYMBOL>.<channel>}. */
public final class InvalidTopicException extends IllegalArgumentException {

    public InvalidTopicException(String message) {
        super(message);
    }
}
