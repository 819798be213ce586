package io.tickgate.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.tickgate.gateway.auth.AuthException.Reason;
import java.io.Closeable;
import java.io.IOException;
import java.net.MalformedURLException;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Verifies a JWT with nimbus-jose-jwt and turns its claims into a {@link Principal}: signature (HS256 with the
 * secret, RS256/ES256 with the PEM key or JWKS), then {@code exp} (required), {@code nbf}, {@code iss},
 * {@code aud} with the clock skew, then {@code sub} (required) and the ACL ({@link ClaimsAcl}). Unsigned
 * ({@code alg: none}) and encrypted tokens are refused. Thread-safe; a JWKS URL may be fetched by the calling
 * thread, so call it off the event loop.
 */
public final class JwtVerifier implements Closeable {

    private final AuthConfig config;
    private final Clock clock;
    private final Set<JWSAlgorithm> algorithms = new HashSet<>();
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final ClaimsAcl claimsAcl;
    private final List<JWKSource<SecurityContext>> sets = new ArrayList<>();

    /**
     * Loads the configured keys.
     *
     * @throws IllegalArgumentException when a key file cannot be read or holds no usable key
     */
    public JwtVerifier(AuthConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.claimsAcl = new ClaimsAcl(config);
        List<JWK> staticKeys = new ArrayList<>();
        byte[] secret = config.secret();
        if (secret != null) {
            staticKeys.add(new OctetSequenceKey.Builder(secret).build());
        }
        if (config.publicKeyPem() != null) {
            staticKeys.addAll(PemKeys.read(config.publicKeyPem()));
        }
        if (config.jwksFile() != null) {
            sets.add(new FileJwkSource(config.jwksFile()));
        }
        if (config.jwksUrl() != null) {
            long ttl = config.jwksCacheSeconds() * 1000;
            try {
                sets.add(JWKSourceBuilder.<SecurityContext>create(config.jwksUrl().toURL())
                        .cache(ttl, Math.min(ttl, 15_000)).build());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("auth.jwksUrl: " + e.getMessage(), e);
            }
        }
        for (String a : config.algorithms()) {
            if (!a.equals("HS256") || secret != null) {
                algorithms.add(JWSAlgorithm.parse(a));
            }
        }
        processor.setJWSKeySelector(new KeySelector(algorithms, staticKeys, sets));
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT,
                new JOSEObjectType("at+jwt"), null));
        processor.setJWTClaimsSetVerifier((claims, ctx) -> { }); // checked below, with a reason per claim
    }

    /**
     * The principal of a valid token.
     *
     * @throws AuthException with the reason the token is refused
     */
    public Principal verify(String token) throws AuthException {
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            throw new AuthException(Reason.MALFORMED, "not a JWT: " + e.getMessage());
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw new AuthException(Reason.ALGORITHM, "unsigned (alg none) or encrypted tokens are not accepted");
        }
        JWSAlgorithm alg = signed.getHeader().getAlgorithm();
        if (!algorithms.contains(alg)) {
            throw new AuthException(Reason.ALGORITHM, "alg " + alg + " is not accepted");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(signed, null);
        } catch (BadJWSException e) {
            throw new AuthException(Reason.BAD_SIGNATURE, "invalid signature");
        } catch (KeySourceException e) {
            throw new AuthException(Reason.KEYS_UNAVAILABLE, "keys unavailable: " + e.getMessage());
        } catch (BadJOSEException e) {
            throw new AuthException(Reason.UNKNOWN_KEY, e.getMessage());
        } catch (JOSEException e) {
            throw new AuthException(Reason.BAD_SIGNATURE, e.getMessage());
        }
        long expires = checkTimes(claims);
        checkIssuerAndAudience(claims);
        String subject = claims.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new AuthException(Reason.MISSING_CLAIM, "token has no sub");
        }
        return new Principal(subject, claimsAcl.of(claims), expires);
    }

    /** Checks {@code exp} and {@code nbf}; returns {@code exp} in epoch ms. */
    private long checkTimes(JWTClaimsSet claims) throws AuthException {
        long now = clock.millis();
        long skew = config.clockSkewSeconds() * 1000;
        Date exp;
        Date nbf;
        try {
            exp = claims.getDateClaim("exp");
            nbf = claims.getDateClaim("nbf");
        } catch (ParseException e) {
            throw new AuthException(Reason.MALFORMED, "exp/nbf must be numbers");
        }
        if (exp == null) {
            throw new AuthException(Reason.MISSING_CLAIM, "token has no exp");
        }
        if (now > exp.getTime() + skew) {
            throw new AuthException(Reason.EXPIRED, "token expired at " + exp.toInstant());
        }
        if (nbf != null && now + skew < nbf.getTime()) {
            throw new AuthException(Reason.NOT_YET_VALID, "token not valid before " + nbf.toInstant());
        }
        return exp.getTime();
    }

    private void checkIssuerAndAudience(JWTClaimsSet claims) throws AuthException {
        if (config.issuer() != null && !config.issuer().equals(claims.getIssuer())) {
            throw new AuthException(Reason.WRONG_ISSUER, "iss must be " + config.issuer());
        }
        if (config.audience() != null) {
            List<String> aud = claims.getAudience();
            if (aud == null || !aud.contains(config.audience())) {
                throw new AuthException(Reason.WRONG_AUDIENCE, "aud must contain " + config.audience());
            }
        }
    }

    @Override
    public void close() throws IOException {
        for (JWKSource<SecurityContext> s : sets) {
            if (s instanceof Closeable c) {
                c.close();
            }
        }
    }
}
