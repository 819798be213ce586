package io.tickgate.gateway.auth;

/**
 * Who a connection is and what it may do.
 *
 * @param subject         the user id (the token's {@code sub}); null for an anonymous connection
 * @param acl             the topics it may subscribe and publish to
 * @param expiresAtMillis when its token expires (epoch ms, {@code exp}); 0 for an anonymous connection
 */
public record Principal(String subject, TopicAcl acl, long expiresAtMillis) {

    /** An anonymous connection with {@code acl}. */
    public static Principal anonymous(TopicAcl acl) {
        return new Principal(null, acl, 0);
    }

    /** True when authenticated by a token. */
    public boolean authenticated() {
        return subject != null;
    }
}
