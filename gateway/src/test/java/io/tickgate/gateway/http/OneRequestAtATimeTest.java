package io.tickgate.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Pipelined HTTP requests reach the handlers one at a time, each after the answer to the one before. */
@Timeout(10)
class OneRequestAtATimeTest {

    /** Takes requests and answers nothing by itself. */
    private static final class Taken extends ChannelInboundHandlerAdapter {
        final List<Object> got = new ArrayList<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            got.add(msg);
        }
    }

    private final Taken taken = new Taken();
    private final EmbeddedChannel ch = new EmbeddedChannel(new OneRequestAtATime(), taken);

    private static FullHttpRequest get(String path) {
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path);
    }

    private void answer(HttpResponseStatus status) {
        ch.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status));
        ch.runPendingTasks();
    }

    private String path(int i) {
        return ((FullHttpRequest) taken.got.get(i)).uri();
    }

    @Test
    void theNextRequestGoesOnOnlyOnceTheOneBeforeIsAnswered() {
        ch.writeInbound(get("/slow"), get("/health"), get("/ready"));
        assertThat(taken.got).hasSize(1);
        assertThat(path(0)).isEqualTo("/slow");
        answer(HttpResponseStatus.OK);
        assertThat(taken.got).hasSize(2);
        assertThat(path(1)).isEqualTo("/health");
        answer(HttpResponseStatus.OK);
        answer(HttpResponseStatus.OK);
        assertThat(taken.got).hasSize(3);
        ch.writeInbound(get("/later"));
        assertThat(taken.got).as("nothing in flight: at once").hasSize(4);
        assertThat(ch.outboundMessages()).hasSize(3);
        releaseTaken();
        ch.finishAndReleaseAll();
    }

    @Test
    void manyWaitingStopReadingUntilTheyAreTaken() {
        ch.writeInbound(get("/0"));
        for (int i = 1; i <= OneRequestAtATime.MAX_WAITING; i++) {
            ch.writeInbound(get("/" + i));
        }
        assertThat(ch.config().isAutoRead()).isFalse();
        for (int i = 0; i < OneRequestAtATime.MAX_WAITING / 2 + 1; i++) {
            answer(HttpResponseStatus.OK);
        }
        assertThat(ch.config().isAutoRead()).isTrue();
        releaseTaken();
        ch.finishAndReleaseAll();
    }

    @Test
    void anUpgradeEndsItAndWaitingRequestsAreReleased() {
        FullHttpRequest after = get("/after-upgrade");
        ch.writeInbound(get("/ws"), after);
        answer(HttpResponseStatus.SWITCHING_PROTOCOLS);
        assertThat(ch.pipeline().get(OneRequestAtATime.class)).isNull();
        assertThat(after.refCnt()).isZero();
        TextWebSocketFrame frame = new TextWebSocketFrame("{}");
        ch.writeInbound(frame);
        assertThat(taken.got).hasSize(2).last().isSameAs(frame);
        frame.release();
        releaseTaken();
        ch.finishAndReleaseAll();
    }

    @Test
    void aClosedConnectionReleasesWhatWaited() {
        FullHttpRequest waiting = get("/waiting");
        waiting.content().writeBytes(Unpooled.copiedBuffer(new byte[] {1, 2, 3}));
        ch.writeInbound(get("/first"), waiting);
        ch.close();
        assertThat(waiting.refCnt()).isZero();
        releaseTaken();
        ch.finishAndReleaseAll();
    }

    private void releaseTaken() {
        for (Object o : taken.got) {
            if (o instanceof FullHttpRequest r && r.refCnt() > 0) {
                r.release();
            }
        }
    }
}
