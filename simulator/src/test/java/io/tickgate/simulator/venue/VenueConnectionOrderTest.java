package io.tickgate.simulator.venue;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The order of a connection's frames: data the engine published (from its own thread) before the event loop handled
 * a request goes out before the reply to that request. Otherwise a client that hands a symbol over to another socket
 * on the unsubscribe reply drops the frames that follow it, and a trade the other socket never had is lost (the
 * flake of {@code AutoscaleTest} under heavy load: the loop's backlog of data writes was overtaken by a reply
 * written directly while it handled the unsubscribe).
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class VenueConnectionOrderTest {

    @Test
    void aReplyWrittenOnTheLoopDoesNotOvertakeDataQueuedBeforeIt() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory());
        List<String> written = new CopyOnWriteArrayList<>();
        CompletableFuture<Channel> serverSide = new CompletableFuture<>();
        LocalAddress address = new LocalAddress("venue-connection-order-" + System.nanoTime());
        try {
            new ServerBootstrap().group(group).channel(LocalServerChannel.class)
                    .childHandler(new ChannelInitializer<LocalChannel>() {
                        @Override
                        protected void initChannel(LocalChannel ch) {
                            ch.pipeline().addLast(new ChannelOutboundHandlerAdapter() {
                                @Override
                                public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                                    if (msg instanceof TextWebSocketFrame t) {
                                        written.add(t.text());
                                    }
                                    ReferenceCountUtil.release(msg);
                                    promise.setSuccess();
                                }
                            });
                            serverSide.complete(ch);
                        }
                    }).bind(address).sync();
            new Bootstrap().group(group).channel(LocalChannel.class).handler(new ChannelInboundHandlerAdapter())
                    .connect(address).sync();
            Channel ch = serverSide.get(5, TimeUnit.SECONDS);
            VenueConnection c = new VenueConnection(1, "c1", ch, false, System.currentTimeMillis());

            CountDownLatch dataQueued = new CountDownLatch(1);
            CountDownLatch replied = new CountDownLatch(1);
            // the loop is busy handling a request while the engine publishes: the data write waits in its queue
            ch.eventLoop().execute(() -> {
                try {
                    dataQueued.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                c.sendText("reply"); // the unsubscribe's answer, on the loop
                replied.countDown();
            });
            ByteBuf data = Unpooled.copiedBuffer("trade 1", StandardCharsets.UTF_8);
            c.sendShared(data, null); // the engine thread: published before the request was handled
            data.release();
            dataQueued.countDown();
            assertThat(replied.await(5, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Void> drained = new CompletableFuture<>();
            ch.eventLoop().execute(() -> drained.complete(null));
            drained.get(5, TimeUnit.SECONDS);

            assertThat(written).containsExactly("trade 1", "reply");
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        }
    }
}
