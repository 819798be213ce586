package io.tickgate.gateway.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts refused tokens ({@code tickgate.gateway.auth.failures{reason}}) and logs them at WARN, at most one line per
 * {@link #INTERVAL_NANOS} (10 s) with the number left out since the last line, so a token spray cannot flood the
 * log. Thread-safe.
 */
final class AuthFailureLog {

    static final long INTERVAL_NANOS = 10_000_000_000L;
    private static final Logger log = LoggerFactory.getLogger(AuthFailureLog.class);

    private final Map<AuthException.Reason, Counter> failures = new EnumMap<>(AuthException.Reason.class);
    private final AtomicLong nextLine = new AtomicLong(System.nanoTime());
    private final AtomicLong suppressed = new AtomicLong();

    AuthFailureLog(MeterRegistry registry) {
        for (AuthException.Reason r : AuthException.Reason.values()) {
            failures.put(r, Counter.builder("tickgate.gateway.auth.failures").tag("reason", r.tag())
                    .description("Tokens refused (handshake, auth message, refresh, expiry), by reason")
                    .register(registry));
        }
    }

    void refused(Object remote, String subject, AuthException e) {
        failures.get(e.reason()).increment();
        long now = System.nanoTime();
        long next = nextLine.get();
        if (now - next >= 0 && nextLine.compareAndSet(next, now + INTERVAL_NANOS)) {
            long left = suppressed.getAndSet(0);
            log.warn("auth refused {}{}: {} ({}){}", remote, subject == null ? "" : " sub=" + subject,
                    e.reason().text(), e.getMessage(), left == 0 ? "" : "; " + left + " more refusals not logged");
        } else {
            suppressed.incrementAndGet();
        }
    }
}
