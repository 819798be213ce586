package io.tickgate.gateway.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import io.tickgate.gateway.metrics.GatewayMetrics;
import java.nio.channels.ClosedChannelException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link SocketBytes} on an {@link EmbeddedChannel} whose socket takes nothing while {@link HoldFlushes} holds: bytes
 * stay in the channel's write buffer, as for a client that stops reading.
 */
@Timeout(30)
class SocketBytesTest {

    private final GatewayMetrics metrics = new GatewayMetrics(new SimpleMeterRegistry());
    private final OutboundBudget total = new OutboundBudget(64L << 20, 0, metrics);
    private final ConnectionBudget budget = new ConnectionBudget(1 << 20, total);
    private final HoldFlushes hold = new HoldFlushes();
    private final RefuseWrites refuse = new RefuseWrites();
    private final EmbeddedChannel ch = new EmbeddedChannel(hold, refuse);
    private final SocketBytes bytes = new SocketBytes(ch, budget);

    @AfterEach
    void close() {
        ch.finishAndReleaseAll();
        total.close();
    }

    @Test
    void theCountFollowsBytesLeavingTheSocketWithoutAnotherWrite() {
        refuse.on = false;
        unsent(100);
        long unsent = pending();
        bytes.sync();
        assertThat(budget.backlog()).isEqualTo(unsent).isGreaterThanOrEqualTo(100);

        hold.on = false;
        ch.flush(); // the socket takes everything: the empty write queued behind the bytes completes
        ch.runPendingTasks();
        assertThat(budget.backlog()).isZero();
    }

    @Test
    void aLookAgainWriteRefusedAfterTheCloseFrameIsNotRetried() {
        unsent(100);
        long unsent = pending();
        bytes.sync();
        ch.runPendingTasks(); // before the fix: a refusal, a look-again, a refusal, ... (RefuseWrites ends it at 10)
        assertThat(refuse.refused).isEqualTo(1);
        // counted until the channel closes (ConnectionOutbound.channelClosed zeroes it)
        assertThat(budget.backlog()).isEqualTo(unsent).isGreaterThanOrEqualTo(100);
    }

    /** What the channel's write buffer holds (Netty adds its own overhead per entry). */
    private long pending() {
        return ch.unsafe().outboundBuffer().totalPendingWriteBytes();
    }

    /** Bytes written below the refusing handler and never flushed to the socket. */
    private void unsent(int n) {
        ch.pipeline().firstContext().write(Unpooled.wrappedBuffer(new byte[n]));
    }

    /** Takes no flush while {@code on}: what is written stays in the channel's buffer. */
    private static final class HoldFlushes extends ChannelOutboundHandlerAdapter {
        boolean on = true;

        @Override
        public void flush(ChannelHandlerContext ctx) {
            if (!on) {
                ctx.flush();
            }
        }
    }

    /**
     * While {@code on}, fails every write as Netty's WebSocket handler does once its close frame went out. After 10
     * refusals it lets the held bytes go, so a test of a retry loop ends.
     */
    private final class RefuseWrites extends ChannelOutboundHandlerAdapter {
        boolean on = true;
        int refused;

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (!on) {
                ctx.write(msg, promise);
                return;
            }
            ReferenceCountUtil.release(msg);
            if (++refused == 10) {
                hold.on = false;
                ctx.flush();
            }
            promise.setFailure(new ClosedChannelException());
        }
    }
}
