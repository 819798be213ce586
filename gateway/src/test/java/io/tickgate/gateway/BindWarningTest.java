package io.tickgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tickgate.bus.local.InProcessBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/** A gateway with authentication off warns at start when it listens on a non-loopback address. */
@Timeout(30)
class BindWarningTest {

    @Test
    void loopbackAddressesAreRecognisedWithoutLookups() {
        assertThat(Gateway.isLoopback("127.0.0.1")).isTrue();
        assertThat(Gateway.isLoopback("127.0.0.5")).isTrue();
        assertThat(Gateway.isLoopback("::1")).isTrue();
        assertThat(Gateway.isLoopback("localhost")).isTrue();
        assertThat(Gateway.isLoopback("0.0.0.0")).isFalse();
        assertThat(Gateway.isLoopback("::")).isFalse();
        assertThat(Gateway.isLoopback("10.1.2.3")).isFalse();
        assertThat(Gateway.isLoopback("gateway.example")).isFalse();
    }

    @Test
    void warnsWhenAuthIsOffOnEveryInterfaceOnly() {
        assertThat(warnings("127.0.0.1")).isZero();
        assertThat(warnings("0.0.0.0")).isEqualTo(1);
    }

    private static long warnings(String host) {
        Logger logger = (Logger) LoggerFactory.getLogger(Gateway.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try (InProcessBroker broker = new InProcessBroker("bind");
             Gateway gw = Gateway.start(GatewayConfig.builder().host(host).port(0).build(), broker,
                     new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
            assertThat(gw.port()).isPositive();
            return appender.list.stream().filter(e -> e.getLevel() == Level.WARN)
                    .filter(e -> e.getFormattedMessage().startsWith("authentication is off")).count();
        } finally {
            logger.detachAppender(appender);
        }
    }
}
