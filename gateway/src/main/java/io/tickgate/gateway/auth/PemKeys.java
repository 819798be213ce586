package io.tickgate.gateway.auth;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads RSA and EC public keys from a PEM file ({@code PUBLIC KEY} blocks, or {@code CERTIFICATE} blocks whose
 * public key is used) into JWKs, with the JDK's own parsers.
 */
final class PemKeys {

    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private PemKeys() {
    }

    /**
     * The keys in {@code file}.
     *
     * @throws IllegalArgumentException when the file cannot be read or holds no usable key
     */
    static List<JWK> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("auth.publicKeyPem: cannot read " + file + ": " + e.getMessage(), e);
        }
        List<JWK> keys = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            try {
                PublicKey key = switch (m.group(1)) {
                    case "PUBLIC KEY" -> publicKey(der);
                    case "CERTIFICATE" -> CertificateFactory.getInstance("X.509")
                            .generateCertificate(new ByteArrayInputStream(der)).getPublicKey();
                    default -> null;
                };
                if (key != null) {
                    keys.add(toJwk(key));
                }
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("auth.publicKeyPem: invalid key in " + file + ": " + e, e);
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("auth.publicKeyPem: no PUBLIC KEY or CERTIFICATE block in " + file);
        }
        return keys;
    }

    private static PublicKey publicKey(byte[] der) throws GeneralSecurityException {
        X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
        try {
            return KeyFactory.getInstance("RSA").generatePublic(spec);
        } catch (GeneralSecurityException notRsa) {
            return KeyFactory.getInstance("EC").generatePublic(spec);
        }
    }

    private static JWK toJwk(PublicKey key) throws GeneralSecurityException {
        if (key instanceof RSAPublicKey rsa) {
            return new RSAKey.Builder(rsa).build();
        }
        if (key instanceof ECPublicKey ec) {
            Curve curve = Curve.forECParameterSpec(ec.getParams());
            if (curve == null) {
                throw new GeneralSecurityException("unsupported EC curve");
            }
            return new ECKey.Builder(curve, ec).build();
        }
        throw new GeneralSecurityException("not an RSA or EC key: " + key.getAlgorithm());
    }
}
