package io.tickgate.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.tickgate.bus.api.Envelope;
import io.tickgate.gateway.codec.ServerMessageEncoder;
import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.Side;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Topic;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The scanner against what the gateway's real encoder writes. */
class FrameScannerTest {

    private final ServerMessageEncoder encoder = new ServerMessageEncoder(UnpooledByteBufAllocator.DEFAULT);
    private final FrameScanner scanner = new FrameScanner();

    private ByteBuf data(String source, String tradeId) {
        Trade t = new Trade(source, "S00001", tradeId, Decimal.parse("100.25"), Decimal.parse("0.010"), Side.BUY,
                1_700_000_000_123L);
        return encoder.data(new Envelope(Topic.parse(source + ".S00001.trade"), "k3x9", 42, 1_700_000_000_125L,
                0, t));
    }

    @Test
    void readsTsAndTheSyntheticStampFromAGatewayDataFrame() {
        ByteBuf frame = data("bench", "1700000000123456");
        int readerIndex = frame.readerIndex(); // the encoder may keep room for a WebSocket header in front
        assertThat(scanner.scan(frame)).isTrue();
        assertThat(scanner.ts()).isEqualTo(1_700_000_000_125L);
        assertThat(scanner.stampMicros()).isEqualTo(1_700_000_000_123_456L);
        assertThat(frame.readerIndex()).isEqualTo(readerIndex); // the frame is not consumed
        frame.release();
    }

    @Test
    void noStampOutsideTheBenchSource() {
        ByteBuf frame = data("binance", "1700000000123456");
        assertThat(scanner.scan(frame)).isTrue();
        assertThat(scanner.ts()).isEqualTo(1_700_000_000_125L);
        assertThat(scanner.stampMicros()).isEqualTo(-1);
        frame.release();
    }

    @Test
    void otherMessagesAndGarbageAreNotData() {
        ByteBuf welcome = encoder.welcome("abc", 1, 20_000);
        assertThat(scanner.scan(welcome)).isFalse();
        welcome.release();
        assertThat(scanner.scan(Unpooled.EMPTY_BUFFER)).isFalse();
        assertThat(scanner.scan(text("{\"type\":\"data\",\"ts\":"))).isTrue();
        assertThat(scanner.ts()).isEqualTo(-1);
        assertThat(scanner.scan(text("{\"type\":\"data\",\"topic\":\"bench.X.trade\",\"data\":{\"id\":\"x1\"}}")))
                .isTrue();
        assertThat(scanner.stampMicros()).isEqualTo(-1);
        assertThat(scanner.scan(text("{\"type\":\"data\",\"ts\":99999999999999999999999}"))).isTrue();
        assertThat(scanner.ts()).isEqualTo(-1);
    }

    @Test
    void readsTheReferencePeersFramesWithOrWithoutWhitespace() {
        // as JSON.stringify (Bun, Node) and Python's json.dumps write them
        String compact = "{\"type\":\"data\",\"topic\":\"bench.SYM7.trade\",\"epoch\":\"p\",\"seq\":3,"
                + "\"ts\":1700000000125,\"data\":{\"price\":\"100.25\",\"qty\":\"0.5\",\"side\":\"buy\"}}";
        String spaced = "{\"type\": \"data\", \"topic\": \"bench.SYM7.trade\", \"epoch\": \"p\", \"seq\": 3, "
                + "\"ts\": 1700000000125, \"data\": {\"price\": \"100.25\", \"qty\": \"0.5\", \"side\": \"buy\"}}";
        for (String frame : new String[] {compact, spaced}) {
            assertThat(scanner.scan(text(frame))).as(frame).isTrue();
            assertThat(scanner.ts()).isEqualTo(1_700_000_000_125L);
            assertThat(scanner.stampMicros()).isEqualTo(-1);
        }
        assertThat(scanner.scan(text("{\"type\": \"welcome\"}"))).isFalse();
        assertThat(scanner.scan(text(" { \"type\" : \"subscribed\", \"id\": \"bench\"}"))).isFalse();
    }

    @Test
    void withoutStampsOnlyTsIsRead() {
        FrameScanner tsOnly = new FrameScanner(false);
        ByteBuf frame = data("bench", "1700000000123456");
        assertThat(tsOnly.scan(frame)).isTrue();
        assertThat(tsOnly.ts()).isEqualTo(1_700_000_000_125L);
        assertThat(tsOnly.stampMicros()).isEqualTo(-1);
        frame.release();
    }

    private static ByteBuf text(String s) {
        return Unpooled.wrappedBuffer(s.getBytes(StandardCharsets.UTF_8));
    }
}
