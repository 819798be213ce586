package io.tickgate.gateway.auth;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's authentication service, shared by all sessions: verifies tokens on its own thread (never on an
 * event loop: RSA/EC verification costs tens of microseconds and a JWKS URL may be fetched), counts and logs
 * refusals. With auth off every connection gets the anonymous ACL and no thread is started.
 */
public final class Authenticator implements AutoCloseable {

    private static final int MAX_QUEUED = 4096;

    private final AuthConfig config;
    private final AuthFailureLog failures;
    private final JwtVerifier verifier;
    private final ThreadPoolExecutor executor;

    /**
     * Loads the keys when auth is enabled.
     *
     * @throws IllegalArgumentException when a configured key cannot be loaded
     */
    public Authenticator(AuthConfig config, MeterRegistry registry) {
        this.config = config;
        this.failures = new AuthFailureLog(registry);
        if (config.enabled()) {
            verifier = new JwtVerifier(config, Clock.systemUTC());
            executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(MAX_QUEUED),
                    new DefaultThreadFactory("tickgate-auth", true));
        } else {
            verifier = null;
            executor = null;
        }
    }

    /** True when tokens are verified. */
    public boolean enabled() {
        return config.enabled();
    }

    /** True when a connection without a valid token is closed. */
    public boolean required() {
        return config.enabled() && config.required();
    }

    /** How long a connection that sent no token in its handshake has to send the {@code auth} message. */
    public long authTimeoutMillis() {
        return config.authTimeoutMillis();
    }

    public long clockSkewMillis() {
        return config.clockSkewSeconds() * 1000;
    }

    /** The principal of a connection without a token. */
    public Principal anonymous() {
        return Principal.anonymous(config.anonymous());
    }

    /**
     * Verifies {@code token} on the auth thread; the future fails with an {@link AuthException} when it is refused
     * (and completes on the auth thread: hand the result back to the event loop).
     */
    public CompletableFuture<Principal> verify(String token) {
        CompletableFuture<Principal> result = new CompletableFuture<>();
        if (verifier == null) {
            result.completeExceptionally(new AuthException(AuthException.Reason.ALGORITHM, "auth is not enabled"));
            return result;
        }
        try {
            executor.execute(() -> {
                try {
                    result.complete(verifier.verify(token));
                } catch (AuthException e) {
                    result.completeExceptionally(e);
                } catch (RuntimeException e) {
                    result.completeExceptionally(new AuthException(AuthException.Reason.MALFORMED, e.toString()));
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new AuthException(AuthException.Reason.BUSY, "too many tokens queued"));
        }
        return result;
    }

    /** Counts a refusal and logs it (rate-limited). */
    public void refused(Object remote, String subject, AuthException e) {
        failures.refused(remote, subject, e);
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
            try {
                verifier.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
