package io.tickgate.gateway.testsupport;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tickgate.bus.local.InProcessBroker;
import io.tickgate.gateway.Gateway;
import io.tickgate.gateway.GatewayConfig;
import io.tickgate.gateway.admission.AdmissionConfig;
import io.tickgate.gateway.ops.OpsConfig;
import java.io.IOException;
import java.io.InputStream;

/**
 * A gateway in a process of its own (its open files are its own), for tests that need more sockets than one JVM
 * may open. Publishes {@code sim.AAA.trade} every 20 ms. Prints {@code PORT <gateway> <ops>} when listening, stops
 * when its standard input closes (or after 10 minutes).
 *
 * <p>Arguments: {@code maxConnectionsPerIp handshakeTimeoutMillis opsPort}.
 */
public final class GatewayProcess {

    private GatewayProcess() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        GatewayConfig config = GatewayConfig.builder().host("127.0.0.1").port(0)
                .admission(AdmissionConfig.builder()
                        .maxConnectionsPerIp(Integer.parseInt(args[0]))
                        .connectRatePerIp(0, 1)
                        .handshakeTimeoutMillis(Long.parseLong(args[1]))
                        .build())
                .ops(new OpsConfig(Integer.parseInt(args[2]), "127.0.0.1", ""))
                .build();
        InProcessBroker broker = new InProcessBroker("flood");
        try (Gateway gw = Gateway.start(config, broker, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
            Thread publisher = new Thread(() -> {
                for (long id = 1; !Thread.currentThread().isInterrupted(); id++) {
                    broker.publish(Events.trade("AAA", id));
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "publisher");
            publisher.setDaemon(true);
            publisher.start();
            System.out.println("PORT " + gw.port() + " " + gw.opsPort());
            System.out.flush();
            Thread stdin = new Thread(() -> drain(System.in), "stdin");
            stdin.setDaemon(true);
            stdin.start();
            stdin.join(600_000);
            publisher.interrupt();
        }
        broker.close();
        System.exit(0);
    }

    static void drain(InputStream in) {
        try {
            while (in.read() >= 0) {
                // until the parent closes the pipe
            }
        } catch (IOException e) {
            // parent gone
        }
    }
}
