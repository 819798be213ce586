package io.tickgate.gateway.auth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Authentication and authorization settings (immutable; build with {@link #builder()}). Defaults: auth off, every
 * client may subscribe to every topic and publish to none.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>enabled</td><td>false</td><td>verify JWTs; when off every client gets {@code anonymous}</td></tr>
 *   <tr><td>required</td><td>true</td><td>with auth on: a client without a token is closed with 4001
 *       (false: it gets {@code anonymous})</td></tr>
 *   <tr><td>algorithms</td><td>HS256, RS256, ES256</td><td>accepted {@code alg}s; HS256 only with a secret</td></tr>
 *   <tr><td>secret</td><td>none</td><td>HMAC secret (UTF-8, at least 32 bytes)</td></tr>
 *   <tr><td>publicKeyPem</td><td>none</td><td>PEM file with an RSA or EC public key or certificate</td></tr>
 *   <tr><td>jwksFile</td><td>none</td><td>JWKS file, re-read when it changes</td></tr>
 *   <tr><td>jwksUrl</td><td>none</td><td>JWKS URL, cached {@code jwksCacheSeconds}; an unknown kid refreshes it</td></tr>
 *   <tr><td>jwksCacheSeconds</td><td>300</td><td>how long a fetched JWKS is used</td></tr>
 *   <tr><td>issuer, audience</td><td>not checked</td><td>required {@code iss}; a value {@code aud} must hold</td></tr>
 *   <tr><td>clockSkewSeconds</td><td>30</td><td>tolerance on {@code exp} and {@code nbf}</td></tr>
 *   <tr><td>topicsClaim, publishClaim, rolesClaim</td><td>topics, publish, roles</td><td>claim names</td></tr>
 *   <tr><td>roles</td><td>none</td><td>role name → {@link TopicAcl}</td></tr>
 *   <tr><td>anonymous</td><td>subscribe {@code **}</td><td>what a client without a token may do</td></tr>
 *   <tr><td>authTimeoutMillis</td><td>10000</td><td>wait for the {@code auth} message of a client that sent
 *       no token in its handshake</td></tr>
 * </table>
 */
public final class AuthConfig {

    /** The algorithms this gateway can verify. */
    public static final Set<String> SUPPORTED_ALGORITHMS = Set.of("HS256", "RS256", "ES256");

    private final boolean enabled;
    private final boolean required;
    private final Set<String> algorithms;
    private final byte[] secret;
    private final Path publicKeyPem;
    private final Path jwksFile;
    private final URI jwksUrl;
    private final long jwksCacheSeconds;
    private final String issuer;
    private final String audience;
    private final long clockSkewSeconds;
    private final String topicsClaim;
    private final String publishClaim;
    private final String rolesClaim;
    private final Map<String, TopicAcl> roles;
    private final TopicAcl anonymous;
    private final long authTimeoutMillis;

    private AuthConfig(Builder b) {
        enabled = b.enabled;
        required = b.required;
        algorithms = Set.copyOf(b.algorithms);
        secret = b.secret == null ? null : b.secret.getBytes(StandardCharsets.UTF_8);
        publicKeyPem = b.publicKeyPem;
        jwksFile = b.jwksFile;
        jwksUrl = b.jwksUrl;
        jwksCacheSeconds = b.jwksCacheSeconds;
        issuer = b.issuer;
        audience = b.audience;
        clockSkewSeconds = b.clockSkewSeconds;
        topicsClaim = b.topicsClaim;
        publishClaim = b.publishClaim;
        rolesClaim = b.rolesClaim;
        roles = Map.copyOf(b.roles);
        anonymous = b.anonymous;
        authTimeoutMillis = b.authTimeoutMillis;
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean enabled() {
        return enabled;
    }

    public boolean required() {
        return required;
    }

    public Set<String> algorithms() {
        return algorithms;
    }

    /** The HMAC secret's bytes (a copy), or null. */
    public byte[] secret() {
        return secret == null ? null : secret.clone();
    }

    public Path publicKeyPem() {
        return publicKeyPem;
    }

    public Path jwksFile() {
        return jwksFile;
    }

    public URI jwksUrl() {
        return jwksUrl;
    }

    public long jwksCacheSeconds() {
        return jwksCacheSeconds;
    }

    /** The required {@code iss}, or null when not checked. */
    public String issuer() {
        return issuer;
    }

    /** The value {@code aud} must contain, or null when not checked. */
    public String audience() {
        return audience;
    }

    public long clockSkewSeconds() {
        return clockSkewSeconds;
    }

    public String topicsClaim() {
        return topicsClaim;
    }

    public String publishClaim() {
        return publishClaim;
    }

    public String rolesClaim() {
        return rolesClaim;
    }

    public Map<String, TopicAcl> roles() {
        return roles;
    }

    public TopicAcl anonymous() {
        return anonymous;
    }

    public long authTimeoutMillis() {
        return authTimeoutMillis;
    }

    /** Validating builder; see the class comment for defaults. */
    public static final class Builder {
        private boolean enabled;
        private boolean required = true;
        private Set<String> algorithms = SUPPORTED_ALGORITHMS;
        private String secret;
        private Path publicKeyPem;
        private Path jwksFile;
        private URI jwksUrl;
        private long jwksCacheSeconds = 300;
        private String issuer;
        private String audience;
        private long clockSkewSeconds = 30;
        private String topicsClaim = "topics";
        private String publishClaim = "publish";
        private String rolesClaim = "roles";
        private Map<String, TopicAcl> roles = Map.of();
        private TopicAcl anonymous = TopicAcl.of(List.of("**"), List.of());
        private long authTimeoutMillis = 10_000;

        private Builder() {
        }

        public Builder enabled(boolean on) {
            this.enabled = on;
            return this;
        }

        public Builder required(boolean on) {
            this.required = on;
            return this;
        }

        public Builder algorithms(Set<String> names) {
            this.algorithms = Set.copyOf(names);
            return this;
        }

        /** HMAC secret (null or empty: none). */
        public Builder secret(String secret) {
            this.secret = blankToNull(secret);
            return this;
        }

        public Builder publicKeyPem(Path file) {
            this.publicKeyPem = file;
            return this;
        }

        public Builder jwksFile(Path file) {
            this.jwksFile = file;
            return this;
        }

        public Builder jwksUrl(URI url) {
            this.jwksUrl = url;
            return this;
        }

        public Builder jwksCacheSeconds(long seconds) {
            this.jwksCacheSeconds = seconds;
            return this;
        }

        /** Required {@code iss} (null or empty: not checked). */
        public Builder issuer(String issuer) {
            this.issuer = blankToNull(issuer);
            return this;
        }

        /** A value {@code aud} must contain (null or empty: not checked). */
        public Builder audience(String audience) {
            this.audience = blankToNull(audience);
            return this;
        }

        public Builder clockSkewSeconds(long seconds) {
            this.clockSkewSeconds = seconds;
            return this;
        }

        public Builder claims(String topics, String publish, String roles) {
            this.topicsClaim = topics;
            this.publishClaim = publish;
            this.rolesClaim = roles;
            return this;
        }

        public Builder roles(Map<String, TopicAcl> roles) {
            this.roles = new LinkedHashMap<>(Objects.requireNonNull(roles, "roles"));
            return this;
        }

        public Builder anonymous(TopicAcl acl) {
            this.anonymous = Objects.requireNonNull(acl, "anonymous");
            return this;
        }

        public Builder authTimeoutMillis(long millis) {
            this.authTimeoutMillis = millis;
            return this;
        }

        /**
         * Builds the config.
         *
         * @throws IllegalArgumentException naming the setting that is out of range
         */
        public AuthConfig build() {
            for (String a : algorithms) {
                require(SUPPORTED_ALGORITHMS.contains(a), "auth.algorithms: unsupported \"" + a + "\" (use "
                        + String.join(", ", SUPPORTED_ALGORITHMS.stream().sorted().toList()) + ")");
            }
            require(!algorithms.isEmpty(), "auth.algorithms must not be empty");
            require(secret == null || secret.getBytes(StandardCharsets.UTF_8).length >= 32,
                    "auth.secret must have at least 32 bytes (HS256 needs a 256-bit key)");
            require(!enabled || secret != null || publicKeyPem != null || jwksFile != null || jwksUrl != null,
                    "auth.enabled needs a key: auth.secret, auth.publicKeyPem, auth.jwksFile or auth.jwksUrl");
            require(jwksUrl == null || "https".equals(jwksUrl.getScheme()) || "http".equals(jwksUrl.getScheme()),
                    "auth.jwksUrl must be an http(s) URL");
            // nimbus refreshes 30 s ahead of expiry with a 15 s timeout: the cache must outlive both
            require(jwksCacheSeconds >= 60, "auth.jwksCacheSeconds must be >= 60");
            require(clockSkewSeconds >= 0 && clockSkewSeconds <= 600, "auth.clockSkewSeconds must be in [0, 600]");
            require(authTimeoutMillis >= 100, "auth.authTimeoutMillis must be >= 100");
            require(notBlank(topicsClaim) && notBlank(publishClaim) && notBlank(rolesClaim),
                    "auth claim names (topicsClaim, publishClaim, rolesClaim) must not be empty");
            return new AuthConfig(this);
        }

        private static boolean notBlank(String s) {
            return s != null && !s.isBlank();
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s;
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
