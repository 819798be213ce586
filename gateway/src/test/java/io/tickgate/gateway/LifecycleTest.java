package io.tickgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tickgate.bus.local.InProcessBroker;
import io.tickgate.gateway.bootstrap.Transport;
import io.tickgate.gateway.protocol.CloseCodes;
import io.tickgate.gateway.testsupport.Events;
import io.tickgate.gateway.testsupport.GatewayFixture;
import io.tickgate.gateway.testsupport.TestWsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Start on a random port (native and NIO transport), close every client with 1001, release the port. */
@Timeout(30)
class LifecycleTest {

    @Test
    void closeSendsGoingAwayToEveryClient() {
        try (GatewayFixture fx = GatewayFixture.start()) {
            assertThat(fx.gateway.port()).isPositive();
            fx.broker.publish(Events.trade("AAA", 1));
            TestWsClient a = fx.connect();
            TestWsClient b = fx.connect();
            a.send("{\"type\":\"subscribe\",\"topic\":\"sim.AAA.trade\"}");
            a.next();
            fx.gateway.close();
            assertThat(a.awaitClose().code()).isEqualTo(CloseCodes.GOING_AWAY);
            assertThat(b.awaitClose().code()).isEqualTo(CloseCodes.GOING_AWAY);
            fx.gateway.close(); // idempotent
        }
    }

    @Test
    void everyTransportServesTheSameProtocol() {
        for (Transport transport : Transport.values()) {
            try (GatewayFixture fx = GatewayFixture.start(b -> b.transport(transport))) {
                assertThat(fx.gateway.transport()).isEqualTo(transport.orFallback());
                fx.broker.publish(Events.trade("AAA", 1));
                TestWsClient a = fx.connect();
                a.send("{\"type\":\"subscribe\",\"topic\":\"sim.AAA.trade\"}");
                assertThat(a.next().path("type").asText()).as("%s", transport).isEqualTo("subscribed");
                assertThat(a.next().path("type").asText()).isEqualTo("snapshot");
                fx.broker.publish(Events.trade("AAA", 2));
                JsonNode data = a.next();
                assertThat(data.path("type").asText()).isEqualTo("data");
                assertThat(data.path("seq").asLong()).isEqualTo(2);
            }
        }
    }

    @Test
    void transportsAreNamedAsInTheConfigurationAndAnUnknownNameFailsClearly() {
        assertThat(Transport.named("io_uring")).isEqualTo(Transport.IO_URING);
        assertThat(Transport.named(" Epoll ")).isEqualTo(Transport.EPOLL);
        assertThat(Transport.NIO.orFallback()).isEqualTo(Transport.NIO);
        assertThatThrownBy(() -> Transport.named("uring")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("transport must be io_uring, epoll or nio, not uring");
    }

    @Test
    void bindingABusyPortFailsClearly() {
        try (GatewayFixture fx = GatewayFixture.start();
             InProcessBroker broker = new InProcessBroker()) {
            GatewayConfig cfg = GatewayConfig.builder().port(fx.gateway.port()).build();
            assertThatThrownBy(() -> Gateway.start(cfg, broker, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot bind");
        }
    }
}
