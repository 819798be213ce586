package io.tickgate.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.tickgate.bus.local.InProcessBroker;
import io.tickgate.gateway.auth.AuthConfig;
import io.tickgate.gateway.auth.Authenticator;
import io.tickgate.gateway.cluster.ClusterNode;
import io.tickgate.gateway.codec.ClientMessageDecoder;
import io.tickgate.gateway.codec.ServerMessageEncoder;
import io.tickgate.gateway.hub.TopicHub;
import io.tickgate.gateway.metrics.GatewayMetrics;
import io.tickgate.gateway.outbound.ConnectionOutbound;
import io.tickgate.gateway.outbound.OutboundBudget;
import io.tickgate.gateway.outbound.OutboundHandler;
import io.tickgate.gateway.protocol.ClientMessage;
import io.tickgate.gateway.publish.Publishing;
import io.tickgate.bus.testing.LeakWatch;
import io.tickgate.gateway.testsupport.SeededMutator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fuzzes the client frame decoder and the session's message handling with seeded mutations of real client frames,
 * for a few seconds each, under Netty's PARANOID leak detector: no exception escapes, no buffer leaks, every frame
 * is answered (a bad one with exactly one error) and the connection stays open.
 */
@Timeout(60)
class ClientProtocolFuzzTest {

    private static final Logger LOG = LoggerFactory.getLogger(ClientProtocolFuzzTest.class);
    private static final long SEED = 20_261_129L;
    private static final long BUDGET_NANOS = TimeUnit.SECONDS.toNanos(3);
    /** At least this many inputs per target, then more until the time budget (no timing is asserted). */
    private static final int MIN_INPUTS = 500;
    private static final int MAX_INPUTS = 300_000;
    /** Client frames as the protocol documents them (docs/protocol.md), with the ids and forms clients use. */
    static final List<String> CORPUS = List.of(
            "{\"type\":\"subscribe\",\"id\":\"1\",\"topic\":\"binance.BTCUSDT.trade\"}",
            "{\"type\":\"subscribe\",\"id\":2,\"topics\":[\"binance.*.trade\",\"*.BTC-USDT.book\",\"okx.ETH-USDT.kline.1m\"]}",
            "{\"type\":\"subscribe\",\"id\":\"r\",\"topic\":\"okx.BTC-USDT.book.top\",\"resume\":{\"epoch\":\"e1\",\"seq\":42}}",
            "{\"type\":\"unsubscribe\",\"id\":\"3\",\"topic\":\"binance.BTCUSDT.trade\"}",
            "{\"type\":\"unsubscribe\",\"topics\":[\"*.*.ticker\"]}",
            "{\"type\":\"heartbeat\",\"id\":\"h\"}",
            "{\"type\":\"heartbeat\"}",
            "{\"type\":\"publish\",\"id\":\"p\",\"topic\":\"sim.AAA.trade\",\"data\":{\"price\":\"1.5\",\"qty\":\"2\"}}");

    private final LeakWatch leaks = new LeakWatch();
    private final InProcessBroker broker = new InProcessBroker("ep1");
    private final GatewayMetrics metrics = new GatewayMetrics(new SimpleMeterRegistry());
    private final OutboundBudget budget = new OutboundBudget(64L << 20, 0, metrics);
    private final Authenticator authenticator = new Authenticator(AuthConfig.builder().build(), new SimpleMeterRegistry());
    private final TopicHub hub = new TopicHub(broker, new TopicHub.Settings(1, 1024, 10, 10, 10, 1000, 10, 1000),
            new ServerMessageEncoder(PooledByteBufAllocator.DEFAULT), metrics);
    private final ClientMessageDecoder decoder = new ClientMessageDecoder();

    @AfterEach
    void stop() {
        hub.close();
        authenticator.close();
        budget.close();
        broker.close();
        leaks.close();
    }

    @Test
    void theDecoderTurnsEveryMutatedFrameIntoAMessageWithoutLeaking() throws Exception {
        SeededMutator mutator = new SeededMutator(corpus(), SEED);
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        long deadline = System.nanoTime() + BUDGET_NANOS;
        int n = 0;
        while (n < MIN_INPUTS || (n < MAX_INPUTS && System.nanoTime() < deadline)) {
            byte[] input = mutator.next();
            WebSocketFrame frame = n % 16 == 0 ? new BinaryWebSocketFrame(direct(input)) : new TextWebSocketFrame(
                    direct(input));
            assertThat(ch.writeInbound(frame)).as(describe(n, input)).isTrue();
            Object out = ch.readInbound();
            assertThat(out).as(describe(n, input)).isInstanceOf(ClientMessage.class);
            assertThat(frame.refCnt()).as("frame released: " + describe(n, input)).isZero();
            ch.checkException();
            n++;
        }
        LOG.info("client decoder fuzz: {} inputs", n);
        assertThat(ch.finish()).isFalse();
        assertThat(leaks.leaks()).isEmpty();
    }

    @Test
    void theSessionAnswersEveryMutatedFrameAndStaysOpen() throws Exception {
        DefaultChannelGroup group = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        SessionHandler.Services services = new SessionHandler.Services(hub,
                new ServerMessageEncoder(PooledByteBufAllocator.DEFAULT), metrics,
                authenticator, group, 20_000, 1_000, 1_000_000_000,
                1_000_000_000, new ConnectionOutbound.Limits(1 << 20, 1, 1 << 16), budget, 65_536,
                new ClusterNode(broker.presence(), group, 1_000),
                new Publishing(broker, 65_536, new SimpleMeterRegistry()));
        EmbeddedChannel ch = new EmbeddedChannel();
        ConnectionOutbound outbound = new ConnectionOutbound(ch, services.outboundLimits(), metrics, budget);
        ch.pipeline().addLast(decoder, new OutboundHandler(outbound), new SessionHandler(services, outbound));
        ch.pipeline().fireUserEventTriggered(new HandshakeComplete("/ws", new DefaultHttpHeaders(), null));
        ch.runPendingTasks();
        assertThat(drain(ch)).as("welcome").singleElement().satisfies(m -> assertThat(m).contains("\"welcome\""));

        SeededMutator mutator = new SeededMutator(corpus(), SEED + 1);
        long deadline = System.nanoTime() + BUDGET_NANOS;
        int n = 0;
        int errors = 0;
        while (n < MIN_INPUTS || (n < MAX_INPUTS && System.nanoTime() < deadline)) {
            byte[] input = mutator.next();
            boolean bad = decoder.decode(new TextWebSocketFrame(Unpooled.wrappedBuffer(input)))
                    instanceof ClientMessage.Invalid;
            ch.writeInbound(new TextWebSocketFrame(direct(input)));
            ch.runPendingTasks();
            ch.checkException();
            List<String> answers = drain(ch);
            assertThat(ch.isActive()).as("still open after " + describe(n, input)).isTrue();
            assertThat(answers).as("answered: " + describe(n, input)).isNotEmpty()
                    .noneMatch(a -> a.contains("\"welcome\""));
            if (bad) {
                assertThat(answers).as("one error for " + describe(n, input)).singleElement()
                        .satisfies(a -> assertThat(a).contains("\"type\":\"error\""));
                errors++;
            }
            n++;
        }
        LOG.info("session fuzz: {} inputs, {} of them bad", n, errors);
        assertThat(errors).as("bad frames among them").isGreaterThan(n / 4);
        ch.close();
        ch.runPendingTasks();
        drain(ch);
        assertThat(leaks.leaks()).isEmpty();
    }

    /** Every message written to the client since the last call (released). */
    private static List<String> drain(EmbeddedChannel ch) {
        List<String> out = new ArrayList<>();
        Object m;
        while ((m = ch.readOutbound()) != null) {
            try {
                ByteBuf b = m instanceof WebSocketFrame f ? f.content() : (ByteBuf) m;
                out.add(b.toString(StandardCharsets.UTF_8));
            } finally {
                ReferenceCountUtil.release(m);
            }
        }
        return out;
    }

    private static List<byte[]> corpus() {
        return CORPUS.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
    }

    private static ByteBuf direct(byte[] bytes) {
        return PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length).writeBytes(bytes);
    }

    private static String describe(int n, byte[] input) {
        return "input " + n + " (seed " + SEED + "): " + new String(input, StandardCharsets.ISO_8859_1);
    }
}
