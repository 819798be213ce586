package io.tickgate.gateway.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/** Key pairs made in the test and tokens signed with them (HS256 secret, RS256, ES256), with nimbus-jose-jwt. */
public final class Tokens {

    /** The HMAC secret tests configure (at least 32 bytes). */
    public static final String SECRET = "tickgate-test-secret-0123456789abcdef";

    public final RSAKey rsa;
    public final ECKey ec;

    public Tokens() {
        try {
            rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
            ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Claims for {@code sub} expiring {@code expiresInSeconds} from now (negative: in the past). */
    public static JWTClaimsSet.Builder claims(String sub, long expiresInSeconds) {
        return new JWTClaimsSet.Builder().subject(sub)
                .expirationTime(new Date((System.currentTimeMillis() / 1000 + expiresInSeconds) * 1000));
    }

    /** HS256 with {@link #SECRET}. */
    public static String hs256(JWTClaimsSet.Builder claims) {
        return hs256(SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8), claims);
    }

    public static String hs256(byte[] secret, JWTClaimsSet.Builder claims) {
        try {
            return sign(new JWSHeader(JWSAlgorithm.HS256), new MACSigner(secret), claims);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RS256 with {@link #rsa} (header kid set). */
    public String rs256(JWTClaimsSet.Builder claims) {
        return rs256(rsa, claims);
    }

    public static String rs256(RSAKey key, JWTClaimsSet.Builder claims) {
        try {
            return sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    new RSASSASigner(key), claims);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** ES256 with {@link #ec} (header kid set). */
    public String es256(JWTClaimsSet.Builder claims) {
        try {
            return sign(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(ec.getKeyID()).build(),
                    new ECDSASigner(ec), claims);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsigned token ({@code alg: none}). */
    public static String none(JWTClaimsSet.Builder claims) {
        return new PlainJWT(claims.build()).serialize();
    }

    /** The key-confusion attack: HS256 with the RSA public key's encoded bytes as the HMAC secret. */
    public String hs256WithRsaPublicKey(JWTClaimsSet.Builder claims) {
        try {
            return hs256(rsa.toRSAPublicKey().getEncoded(), claims);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PEM file holding the RSA public key. */
    public Path writeRsaPem(Path dir) {
        try {
            String b64 = Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                    .encodeToString(rsa.toRSAPublicKey().getEncoded());
            return Files.writeString(dir.resolve("rsa.pem"),
                    "-----BEGIN PUBLIC KEY-----\n" + b64 + "\n-----END PUBLIC KEY-----\n");
        } catch (JOSEException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the public halves of {@code keys} as a JWKS file. */
    public static Path writeJwks(Path file, List<JWK> keys) {
        try {
            return Files.writeString(file, new JWKSet(keys.stream().map(JWK::toPublicJWK).toList()).toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sign(JWSHeader header, JWSSigner signer, JWTClaimsSet.Builder claims)
            throws JOSEException {
        SignedJWT jwt = new SignedJWT(header, claims.build());
        jwt.sign(signer);
        return jwt.serialize();
    }
}
