package io.tickgate.gateway.auth;

/** What a client may do. */
public enum Permission {
    /** Subscribe to topics. */
    SUBSCRIBE,
    /** Publish to {@code custom.*} topics (not supported yet: answered with NOT_SUPPORTED). */
    PUBLISH
}
