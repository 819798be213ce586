package io.tickgate.gateway.tls;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the gateway's certificate and key are. Off unless both files are given.
 *
 * @param certificateChainFile PEM: the server certificate first, then intermediates
 * @param privateKeyFile       PEM, PKCS#8 ({@code BEGIN PRIVATE KEY}), not encrypted
 * @param reloadCheckMillis    how often the files' modification time and size are checked; on a change a new
 *                             context is built and used for new connections (default
 *                             {@value #DEFAULT_RELOAD_CHECK_MILLIS})
 */
public record TlsConfig(Path certificateChainFile, Path privateKeyFile, long reloadCheckMillis) {

    public static final long DEFAULT_RELOAD_CHECK_MILLIS = 10_000;

    /** TLS off. */
    public static final TlsConfig OFF = new TlsConfig(null, null, DEFAULT_RELOAD_CHECK_MILLIS);

    public TlsConfig {
        if ((certificateChainFile == null) != (privateKeyFile == null)) {
            throw new IllegalArgumentException("TLS needs both a certificate chain file and a private key file");
        }
        if (reloadCheckMillis < 100) {
            throw new IllegalArgumentException("TLS reloadCheckMillis must be >= 100");
        }
    }

    /** TLS with these files, checked for changes every {@value #DEFAULT_RELOAD_CHECK_MILLIS} ms. */
    public static TlsConfig of(Path certificateChainFile, Path privateKeyFile) {
        return new TlsConfig(Objects.requireNonNull(certificateChainFile), Objects.requireNonNull(privateKeyFile),
                DEFAULT_RELOAD_CHECK_MILLIS);
    }

    public boolean enabled() {
        return certificateChainFile != null;
    }
}
