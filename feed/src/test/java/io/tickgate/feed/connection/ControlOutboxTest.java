package io.tickgate.feed.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A venue pinging faster than the control budget: the pongs neither pile up nor starve the subscribe requests. */
@Timeout(10)
class ControlOutboxTest {

    private final ControlOutbox outbox = new ControlOutbox();

    private static PongWebSocketFrame pong(String payload) {
        return new PongWebSocketFrame(Unpooled.copiedBuffer(payload, StandardCharsets.US_ASCII));
    }

    private static String describe(WebSocketFrame f) {
        String body = f.content().toString(StandardCharsets.US_ASCII);
        f.release();
        return (f instanceof PongWebSocketFrame ? "pong " : "text ") + body;
    }

    @Test
    void aPingFloodKeepsOnePongWaitingAndLetsSubscribesThrough() {
        outbox.add(new TextWebSocketFrame("subscribe A"));
        outbox.add(new TextWebSocketFrame("subscribe B"));
        List<PongWebSocketFrame> replaced = new ArrayList<>();
        for (int i = 1; i <= 1_000; i++) { // pings arrive far faster than anything is sent
            PongWebSocketFrame p = pong("ping " + i);
            if (i < 1_000) {
                replaced.add(p);
            }
            outbox.addPong(p);
        }
        assertThat(outbox.size()).as("one pong and the two subscribes").isEqualTo(3);
        assertThat(replaced).allSatisfy(p -> assertThat(p.refCnt()).isZero());

        List<String> sent = new ArrayList<>();
        sent.add(describe(outbox.take()));
        outbox.addPong(pong("ping 1001")); // and the flood goes on between sends
        sent.add(describe(outbox.take()));
        outbox.addPong(pong("ping 1002"));
        sent.add(describe(outbox.take()));
        outbox.addPong(pong("ping 1003"));
        sent.add(describe(outbox.take()));
        sent.add(describe(outbox.take()));
        // 1001 waited while A went, and 1002 replaced it
        assertThat(sent).containsExactly("pong ping 1000", "text subscribe A", "pong ping 1002",
                "text subscribe B", "pong ping 1003");
        assertThat(outbox.isEmpty()).isTrue();
    }

    @Test
    void withNothingElseWaitingPongsGoAtOnceAndClearReleasesAll() {
        outbox.addPong(pong("1"));
        assertThat(describe(outbox.take())).isEqualTo("pong 1");
        outbox.addPong(pong("2"));
        assertThat(describe(outbox.take())).as("a pong after a pong when nothing else waits").isEqualTo("pong 2");
        PongWebSocketFrame p = pong("3");
        TextWebSocketFrame t = new TextWebSocketFrame("subscribe");
        outbox.add(t);
        outbox.addPong(p);
        outbox.clear();
        assertThat(p.refCnt()).isZero();
        assertThat(t.refCnt()).isZero();
        assertThat(outbox.take()).isNull();
    }
}
