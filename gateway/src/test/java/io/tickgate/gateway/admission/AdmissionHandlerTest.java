package io.tickgate.gateway.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.tickgate.gateway.metrics.EdgeMetrics;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The admission handlers on EmbeddedChannels with chosen peer addresses and a manual clock. */
@Timeout(10)
class AdmissionHandlerTest {

    private final EdgeMetrics metrics = new EdgeMetrics(new SimpleMeterRegistry());
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);

    /** An EmbeddedChannel whose peer is {@code ip}; its handlers see channelActive on {@link #open}. */
    static final class Peer extends EmbeddedChannel {
        private InetSocketAddress remote;

        Peer(String ip, ChannelHandler... handlers) {
            super(false, false, handlers);
        }

        Peer open(String ip) {
            remote = new InetSocketAddress(ip, 40_000);
            try {
                register();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            return this;
        }

        @Override
        protected SocketAddress remoteAddress0() {
            return remote;
        }
    }

    private Admission admission(UnaryOperator<AdmissionConfig.Builder> c) {
        return new Admission(c.apply(AdmissionConfig.builder()).build(), metrics, 20_000, clock::get);
    }

    private static Peer connect(Admission a, String ip) {
        Peer p = new Peer(ip, new AdmissionHandler(a), new AdmissionHttpHandler(a)).open(ip);
        p.freezeTime(); // Netty 4.2: only on a registered channel; the handshake timer is armed on the same instant
        return p;
    }

    private static FullHttpRequest get(String... forwardedFor) {
        FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/ws");
        for (String f : forwardedFor) {
            r.headers().add("X-Forwarded-For", f);
        }
        return r;
    }

    /** Sends a request; returns the refusal status, or 0 when the request was passed on (admitted). */
    private static int send(Peer p, FullHttpRequest req) {
        p.writeInbound(req);
        Object passed = p.readInbound();
        if (passed != null) {
            ReferenceCountUtil.release(passed);
            return 0;
        }
        FullHttpResponse res = p.readOutbound();
        assertThat(res).as("a refusal answer").isNotNull();
        int status = res.status().code();
        assertThat(res.headers().get("Connection")).isEqualTo("close");
        res.release();
        assertThat(p.isOpen()).as("closed after the refusal").isFalse();
        return status;
    }

    @Test
    void aSilentSocketIsClosedByTheHandshakeTimeout() {
        Admission a = admission(b -> b.handshakeTimeoutMillis(5_000));
        Peer p = connect(a, "10.0.0.1");
        p.advanceTimeBy(4_999, TimeUnit.MILLISECONDS);
        p.runScheduledPendingTasks();
        assertThat(p.isOpen()).isTrue();
        p.advanceTimeBy(2, TimeUnit.MILLISECONDS);
        p.runScheduledPendingTasks();
        assertThat(p.isOpen()).isFalse();
        assertThat(metrics.refusals("handshake_timeout")).isEqualTo(1);
        assertThat(a.sockets()).isZero();
    }

    @Test
    void theWebSocketUpgradeDisarmsTheTimerAndPlainHttpReArmsIt() {
        Admission a = admission(b -> b.handshakeTimeoutMillis(5_000));
        Peer ws = connect(a, "10.0.0.1");
        assertThat(send(ws, get())).isZero();
        ws.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SWITCHING_PROTOCOLS));
        ReferenceCountUtil.release(ws.readOutbound());
        ws.advanceTimeBy(60_000, TimeUnit.MILLISECONDS);
        ws.runScheduledPendingTasks();
        assertThat(ws.isOpen()).isTrue();

        Peer http = connect(a, "10.0.0.2");
        http.advanceTimeBy(4_000, TimeUnit.MILLISECONDS);
        assertThat(send(http, get())).isZero(); // a request re-arms the timer: 5 s from now
        http.advanceTimeBy(4_000, TimeUnit.MILLISECONDS);
        http.runScheduledPendingTasks();
        assertThat(http.isOpen()).isTrue();
        http.advanceTimeBy(1_001, TimeUnit.MILLISECONDS);
        http.runScheduledPendingTasks();
        assertThat(http.isOpen()).as("idle keep-alive connection closed").isFalse();
        assertThat(metrics.refusals("handshake_timeout")).as("an idle keep-alive close is no timeout").isZero();
    }

    @Test
    void perIpLimitAnswers429AndFreesOnClose() {
        Admission a = admission(b -> b.maxConnectionsPerIp(2));
        Peer first = connect(a, "10.0.0.1");
        Peer second = connect(a, "10.0.0.1");
        assertThat(send(connect(a, "10.0.0.1"), get())).isEqualTo(429);
        assertThat(metrics.refusals("ip_limit")).isEqualTo(1);
        assertThat(send(connect(a, "10.0.0.2"), get())).as("another address").isZero();
        first.close();
        assertThat(send(connect(a, "10.0.0.1"), get())).as("a slot was freed").isZero();
        second.close();
    }

    @Test
    void ipv6AddressesAreCountedPerSlash64() {
        Admission a = admission(b -> b.maxConnectionsPerIp(1));
        connect(a, "2001:db8:1:2::1");
        assertThat(send(connect(a, "2001:db8:1:2::ffff"), get())).isEqualTo(429);
        assertThat(send(connect(a, "2001:db8:1:3::1"), get())).isZero();
    }

    @Test
    void connectRateAnswers429UntilTheBucketRefills() {
        Admission a = admission(b -> b.connectRatePerIp(1, 2));
        connect(a, "10.0.0.1").close();
        connect(a, "10.0.0.1").close();
        assertThat(send(connect(a, "10.0.0.1"), get())).isEqualTo(429);
        assertThat(metrics.refusals("ip_rate")).isEqualTo(1);
        clock.addAndGet(TimeUnit.SECONDS.toNanos(1));
        assertThat(send(connect(a, "10.0.0.1"), get())).isZero();
    }

    @Test
    void globalLimitAnswers503AndFarPastItClosesAtOnce() {
        Admission a = admission(b -> b.maxConnections(2).maxConnectionsPerIp(0).connectRatePerIp(0, 1));
        connect(a, "10.0.0.1");
        connect(a, "10.0.0.2");
        assertThat(send(connect(a, "10.0.0.3"), get())).isEqualTo(503);
        assertThat(metrics.refusals("global_limit")).isEqualTo(1);
        int answered = a.hardLimit() - a.maxConnections();
        for (int i = 0; i < answered; i++) {
            assertThat(connect(a, "10.0.1." + i).isOpen()).as("refused, waiting for its request").isTrue();
        }
        Peer over = connect(a, "10.0.2.1");
        assertThat(over.isOpen()).as("past the hard limit: closed unanswered").isFalse();
        Object answer = over.readOutbound();
        assertThat(answer).isNull();
        assertThat(metrics.refusals("global_overflow")).isEqualTo(1);
    }

    @Test
    void forwardedForIsHonouredOnlyFromATrustedProxy() {
        Admission a = admission(b -> b.maxConnectionsPerIp(1).trustedProxies(List.of("10.1.0.0/16")));
        Peer viaProxy = connect(a, "10.1.0.5");
        assertThat(send(viaProxy, get("198.51.100.9, 203.0.113.7"))).isZero();
        assertThat(ClientAddress.of(viaProxy)).isEqualTo(ip("203.0.113.7"));
        assertThat(send(connect(a, "10.1.0.6"), get("203.0.113.7"))).as("same client via another proxy")
                .isEqualTo(429);
        Peer forged = connect(a, "198.51.100.1");
        assertThat(send(forged, get("203.0.113.8"))).isZero();
        assertThat(ClientAddress.of(forged)).as("header of an untrusted peer ignored").isEqualTo(ip("198.51.100.1"));
        assertThat(send(connect(a, "198.51.100.1"), get("203.0.113.9"))).as("counted by its own address")
                .isEqualTo(429);
    }

    @Test
    void trustedProxiesPickTheRightMostUntrustedHop() {
        TrustedProxies p = new TrustedProxies(List.of("10.0.0.0/8", "::1"));
        assertThat(p.clientAddress(ip("10.0.0.1"), List.of("1.1.1.1, 203.0.113.7", "10.2.3.4")))
                .isEqualTo(ip("203.0.113.7"));
        assertThat(p.clientAddress(ip("10.0.0.1"), List.of("10.9.9.9"))).as("all trusted: left-most")
                .isEqualTo(ip("10.9.9.9"));
        assertThat(p.clientAddress(ip("10.0.0.1"), List.of("203.0.113.7:5555"))).isEqualTo(ip("203.0.113.7"));
        assertThat(p.clientAddress(ip("10.0.0.1"), List.of("evil.example"))).as("not a literal: the proxy")
                .isEqualTo(ip("10.0.0.1"));
        assertThat(p.clientAddress(ip("::1"), List.of("[2001:db8::1]:443"))).isEqualTo(ip("2001:db8::1"));
        assertThat(p.clientAddress(ip("192.0.2.1"), List.of("203.0.113.7"))).isEqualTo(ip("192.0.2.1"));
    }

    @Test
    void defaultGlobalLimitKeepsAReserveOfOpenFiles() {
        assertThat(FileDescriptorLimit.defaultMaxConnections(20_000)).isEqualTo(18_000);
        assertThat(FileDescriptorLimit.defaultMaxConnections(1_024)).isEqualTo(768);
        assertThat(FileDescriptorLimit.defaultMaxConnections(300)).isEqualTo(150);
        assertThat(FileDescriptorLimit.defaultMaxConnections(-1))
                .isEqualTo(FileDescriptorLimit.FALLBACK_MAX_CONNECTIONS);
        assertThat(FileDescriptorLimit.read()).as("this JVM runs on Unix").isPositive();
    }

    private static InetAddress ip(String literal) {
        return CidrRange.parseLiteral(literal);
    }
}
