package io.tickgate.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickgate.app.config.ConfigLoader;
import io.tickgate.app.config.TickgateConfig;
import io.tickgate.gateway.GatewayConfig;
import io.tickgate.gateway.admission.AdmissionConfig;
import io.tickgate.gateway.ops.OpsConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The {@code edge} configuration section reaches the gateway's settings. */
@Timeout(10)
class AssemblyEdgeTest {

    private final ConfigLoader loader = new ConfigLoader();

    private static GatewayConfig gateway(TickgateConfig c) {
        GatewayConfig.Builder b = GatewayConfig.builder().host(c.gateway().host());
        Assembly.edge(b, c.edge());
        return b.build();
    }

    @Test
    void defaultsBindLoopbackWithTheDocumentedLimits() {
        TickgateConfig c = loader.load(null, Map.of(), List.of());
        assertThat(c.gateway().host()).isEqualTo("127.0.0.1");
        GatewayConfig g = gateway(c);
        AdmissionConfig d = AdmissionConfig.defaults();
        assertThat(g.admission().handshakeTimeoutMillis()).isEqualTo(d.handshakeTimeoutMillis());
        assertThat(g.admission().maxConnections()).isZero();
        assertThat(g.admission().maxConnectionsPerIp()).isEqualTo(d.maxConnectionsPerIp());
        assertThat(g.admission().connectRatePerIp()).isEqualTo(d.connectRatePerIp());
        assertThat(g.admission().connectBurstPerIp()).isEqualTo(d.connectBurstPerIp());
        assertThat(g.admission().trustedProxies()).isEmpty();
        assertThat(g.allowedOrigins()).isEmpty();
        assertThat(g.tls().enabled()).isFalse();
        assertThat(g.ops()).isEqualTo(OpsConfig.DEFAULT);
    }

    @Test
    void listsAndPortsComeFromEnvironmentAndFlags() {
        TickgateConfig c = loader.load(null, Map.of("TICKGATE_EDGE_TRUSTEDPROXIES", "10.0.0.0/8, 192.168.0.0/16",
                        "TICKGATE_EDGE_OPSTOKEN", "0123456789abcdef0123"),
                List.of("edge.allowedOrigins=https://a.example,https://b.example", "edge.opsPort=9091",
                        "edge.maxConnectionsPerIp=50", "edge.connectRatePerIp=2.5"));
        GatewayConfig g = gateway(c);
        assertThat(g.admission().trustedProxies()).containsExactly("10.0.0.0/8", "192.168.0.0/16");
        assertThat(g.allowedOrigins()).containsExactly("https://a.example", "https://b.example");
        assertThat(g.ops()).isEqualTo(new OpsConfig(9091, "127.0.0.1", "0123456789abcdef0123"));
        assertThat(g.admission().maxConnectionsPerIp()).isEqualTo(50);
        assertThat(g.admission().connectRatePerIp()).isEqualTo(2.5);
    }

    @Test
    void invalidEdgeSettingsAreRefused() {
        assertThatThrownBy(() -> gateway(loader.load(null, Map.of(), List.of("edge.tlsCertificateChainFile=/x.pem"))))
                .hasMessageContaining("go together");
        assertThatThrownBy(() -> gateway(loader.load(null, Map.of(), List.of("edge.trustedProxies=proxy.example"))))
                .hasMessageContaining("not an IP address or CIDR");
        assertThatThrownBy(() -> gateway(loader.load(null, Map.of(), List.of("edge.allowedOrigins=evil"))))
                .hasMessageContaining("allowedOrigins");
        assertThatThrownBy(() -> gateway(loader.load(null, Map.of(), List.of("edge.opsToken=short"))))
                .hasMessageContaining("16 characters");
    }
}
