package io.tickgate.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import io.tickgate.gateway.testsupport.GatewayFixture;
import io.tickgate.gateway.tls.ReloadingSslContext;
import io.tickgate.gateway.tls.TlsConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** TLS on the gateway port with self-signed certificates made here; reload when the files are replaced. */
@Timeout(60)
// Netty 4.2 deprecates SelfSignedCertificate (for its netty-pkitesting module); it still makes a test certificate
@SuppressWarnings("deprecation")
class TlsTest {

    @TempDir
    Path dir;

    @Test
    void wssUpgradesAndTheCertificateIsReloadedWhenTheFilesChange() throws Exception {
        SelfSignedCertificate first = new SelfSignedCertificate("localhost");
        SelfSignedCertificate second = new SelfSignedCertificate("localhost");
        Path cert = dir.resolve("chain.pem");
        Path key = dir.resolve("key.pem");
        install(first, cert, key);
        SSLContext trustBoth = trusting(first, second);
        try (GatewayFixture fx = GatewayFixture.start(b -> b.tls(new TlsConfig(cert, key, 100)))) {
            int port = fx.gateway.port();
            assertThat(fx.gateway.tls()).isTrue();
            Handshake h = upgrade(trustBoth, port);
            assertThat(h.response).startsWith("HTTP/1.1 101");
            assertThat(h.peer).isEqualTo(first.cert());

            install(second, cert, key);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> second.cert().equals(upgrade(trustBoth, port).peer));
            assertThat(upgrade(trustBoth, port).response).startsWith("HTTP/1.1 101");

            try (Socket plain = new Socket()) { // plain HTTP on the TLS port gets no HTTP answer
                plain.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                plain.setSoTimeout(5_000);
                plain.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                assertThat(readHead(plain.getInputStream())).doesNotStartWith("HTTP/1.1 200");
                await().atMost(Duration.ofSeconds(5)).until(() ->
                        fx.metric("tickgate_gateway_edge_refusals_total{reason=\"tls\"}") >= 1);
            }
        } finally {
            first.delete();
            second.delete();
        }
    }

    @Test
    void filesThatDoNotLoadKeepTheCurrentCertificate() throws Exception {
        SelfSignedCertificate c = new SelfSignedCertificate("localhost");
        Path cert = dir.resolve("chain.pem");
        Path key = dir.resolve("key.pem");
        install(c, cert, key);
        try (ReloadingSslContext tls = ReloadingSslContext.load(new TlsConfig(cert, key, 100))) {
            SslContext before = tls.current();
            assertThat(tls.reloadIfChanged()).as("unchanged files").isFalse();
            Files.writeString(cert, "-----BEGIN CERTIFICATE-----\nnot a certificate\n-----END CERTIFICATE-----\n");
            assertThat(tls.reloadIfChanged()).isFalse();
            assertThat(tls.current()).isSameAs(before);
            install(c, cert, key);
            Files.setLastModifiedTime(cert, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()
                    + 5_000));
            assertThat(tls.reloadIfChanged()).isTrue();
            assertThat(tls.current()).isNotSameAs(before);
        } finally {
            c.delete();
        }
        Files.writeString(cert, "garbage");
        assertThatThrownBy(() -> ReloadingSslContext.load(new TlsConfig(cert, key, 100)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot load TLS certificate");
    }

    /** Replaces the files the way an operator (or cert-manager) would: write aside, then rename over. */
    static void install(SelfSignedCertificate c, Path cert, Path key) throws IOException {
        Path tmpCert = cert.resolveSibling(cert.getFileName() + ".new");
        Path tmpKey = key.resolveSibling(key.getFileName() + ".new");
        Files.copy(c.certificate().toPath(), tmpCert, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(c.privateKey().toPath(), tmpKey, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmpKey, key, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.move(tmpCert, cert, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static SSLContext trusting(SelfSignedCertificate... certs) throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        for (int i = 0; i < certs.length; i++) {
            ks.setCertificateEntry("c" + i, certs[i].cert());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    private record Handshake(String response, Certificate peer) {
    }

    private static Handshake upgrade(SSLContext ctx, int port) throws IOException {
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port)) {
            s.setSoTimeout(5_000);
            s.startHandshake();
            s.getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: localhost:" + port + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new Handshake(readHead(s.getInputStream()), s.getSession().getPeerCertificates()[0]);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (int b; (b = in.read()) >= 0; ) {
                out.write(b);
                if (out.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                    break;
                }
            }
        } catch (IOException e) {
            // closed or reset: what came so far
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }
}
