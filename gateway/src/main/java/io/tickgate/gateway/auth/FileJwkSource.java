package io.tickgate.gateway.auth;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JWKS file, re-read when its modification time or size changes (checked at most once a second). A file that
 * stops parsing keeps the last good key set (and is logged), so a half-written file never locks everyone out.
 * Used only from the verification thread.
 */
final class FileJwkSource implements JWKSource<SecurityContext> {

    private static final Logger log = LoggerFactory.getLogger(FileJwkSource.class);
    private static final long CHECK_INTERVAL_NANOS = 1_000_000_000L;

    private final Path file;
    private JWKSet keys;
    private long stamp;
    private long nextCheck;

    /**
     * Loads {@code file}.
     *
     * @throws IllegalArgumentException when the file cannot be read or parsed at start
     */
    FileJwkSource(Path file) {
        this.file = file;
        try {
            stamp = stamp();
            keys = JWKSet.load(file.toFile());
        } catch (IOException | ParseException e) {
            throw new IllegalArgumentException("auth.jwksFile: cannot load " + file + ": " + e.getMessage(), e);
        }
        nextCheck = System.nanoTime() + CHECK_INTERVAL_NANOS;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        long now = System.nanoTime();
        if (now - nextCheck >= 0) {
            nextCheck = now + CHECK_INTERVAL_NANOS;
            reloadIfChanged();
        }
        return selector.select(keys);
    }

    private void reloadIfChanged() {
        try {
            long s = stamp();
            if (s != stamp) {
                stamp = s; // a bad file is reported once, not every second
                keys = JWKSet.load(file.toFile());
                log.info("auth: reloaded {} ({} keys)", file, keys.size());
            }
        } catch (IOException | ParseException e) {
            log.warn("auth: cannot reload {} (keeping the previous keys): {}", file, e.getMessage());
        }
    }

    private long stamp() throws IOException {
        return Files.getLastModifiedTime(file).toMillis() * 31 + Files.size(file);
    }
}
