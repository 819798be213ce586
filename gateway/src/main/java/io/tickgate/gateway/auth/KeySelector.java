package io.tickgate.gateway.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyConverter;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Picks the keys a token may be verified with: only keys of the type its {@code alg} needs (an HMAC token is
 * checked against the configured secret only, never against a public key's bytes), and only for allowed
 * algorithms. Static keys (the secret, the PEM file) match whatever {@code kid} the token names; keys from a JWKS
 * match by {@code kid} when the token has one.
 */
final class KeySelector implements JWSKeySelector<SecurityContext> {

    private final Set<JWSAlgorithm> algorithms;
    private final JWKSet staticKeys;
    private final List<JWKSource<SecurityContext>> sets;

    KeySelector(Set<JWSAlgorithm> algorithms, List<JWK> staticKeys, List<JWKSource<SecurityContext>> sets) {
        this.algorithms = Set.copyOf(algorithms);
        this.staticKeys = new JWKSet(staticKeys);
        this.sets = List.copyOf(sets);
    }

    @Override
    public List<Key> selectJWSKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
        if (!algorithms.contains(header.getAlgorithm())) {
            return List.of();
        }
        List<JWK> keys = new ArrayList<>(
                new JWKSelector(JWKMatcher.forJWSHeader(new JWSHeader(header.getAlgorithm()))).select(staticKeys));
        JWKSelector byKid = new JWKSelector(JWKMatcher.forJWSHeader(header));
        for (JWKSource<SecurityContext> s : sets) {
            keys.addAll(s.get(byKid, context));
        }
        return KeyConverter.toJavaKeys(keys);
    }
}
