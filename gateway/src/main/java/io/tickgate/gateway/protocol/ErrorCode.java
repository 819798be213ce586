package io.tickgate.gateway.protocol;

/** The {@code code} of an {@code error} message. */
public enum ErrorCode {
    /** The frame is not JSON, not a JSON object, or a field has the wrong JSON type; also binary frames. */
    INVALID_JSON,
    /** {@code type} is missing or not one this server knows. */
    UNKNOWN_MESSAGE_TYPE,
    /** A topic or pattern does not parse as {@code <source>.<SYMBOL>.<channel>}. */
    INVALID_TOPIC,
    /** A valid topic nothing has been published on, or a pattern that matches no topic. */
    UNKNOWN_TOPIC,
    /**
     * Authentication is required and the token is missing, refused or expired: the connection is closed with 4001
     * (a refused {@code refresh} keeps the connection and its current token).
     */
    UNAUTHORIZED,
    /** The topic is outside the connection's subscribe or publish patterns (its token's ACL). */
    FORBIDDEN,
    /** Over the inbound message rate; the message was not processed. Far over it: close 4029. */
    RATE_LIMITED,
    /** The request would take the connection over its subscription limit; nothing was subscribed. */
    TOO_MANY_SUBSCRIPTIONS,
    /** An inbound message is larger than the frame limit; the connection is closed with 4009. */
    MESSAGE_TOO_LARGE,
    /** A well-formed request this server does not implement yet. */
    NOT_SUPPORTED,
    /** The broker could not take a published message (its queue is full or its store is unreachable): retry. */
    UNAVAILABLE
}
