package io.tickgate.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

@Timeout(10)
class AuthFailureLogTest {

    @Test
    void aSprayOfBadTokensIsCountedInFullButLoggedOnce() {
        Logger logger = (Logger) LoggerFactory.getLogger(AuthFailureLog.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            AuthFailureLog log = new AuthFailureLog(registry);
            for (int i = 0; i < 1_000; i++) {
                log.refused("/127.0.0.1:" + i, null, new AuthException(AuthException.Reason.BAD_SIGNATURE, "x"));
            }
            log.refused("/127.0.0.1:1", "bob", new AuthException(AuthException.Reason.EXPIRED, "y"));
            assertThat(registry.get("tickgate.gateway.auth.failures").tag("reason", "bad_signature").counter()
                    .count()).isEqualTo(1_000);
            assertThat(registry.get("tickgate.gateway.auth.failures").tag("reason", "expired").counter().count())
                    .isEqualTo(1);
            assertThat(lines.list).hasSize(1);
            assertThat(lines.list.get(0).getFormattedMessage()).contains("bad signature");
            assertThat(lines.list.get(0).getThrowableProxy()).as("no stack trace").isNull();
        } finally {
            logger.detachAppender(lines);
        }
    }
}
