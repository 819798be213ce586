package io.tickgate.gateway.outbound;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.tickgate.gateway.codec.TextFrameHeader;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a connection's queued messages to its channel, without flushing. A message pre-framed by the serializer
 * ({@link TextFrameHeader}) goes as its shared bytes, header included, when no WebSocket extension encodes the
 * connection's frames ({@link #enableRawFrames}); otherwise as a {@code TextWebSocketFrame}. A control frame goes as
 * it is. With batching ({@code ?batch=1}) several messages go as one text frame holding a JSON array: a composite
 * buffer over the shared message buffers, no copy; a lone message goes as itself. Event loop only.
 */
final class FrameWriter {

    private static final byte[] OPEN = {'['};
    private static final byte[] COMMA = {','};
    private static final byte[] CLOSE = {']'};

    private final Channel channel;
    private final int maxBatchMessages;
    private final int maxBatchBytes;
    private final List<QueuedMessage> batch = new ArrayList<>();
    private boolean batching;
    private boolean rawFrames;
    /** Where writes of whole frames start (the frame encoder's context, below every encoder); null: the tail. */
    private ChannelHandlerContext rawContext;
    private long lastIngestNanos;

    FrameWriter(Channel channel, int maxBatchMessages, int maxBatchBytes) {
        this.channel = channel;
        this.maxBatchMessages = maxBatchMessages;
        this.maxBatchBytes = maxBatchBytes;
    }

    void enableBatching() {
        batching = true;
    }

    /**
     * Pre-framed messages and control frames go as their bytes from now on, written from {@code frameEncoder} (the
     * WebSocket frame encoder's context; null: from the pipeline's tail): such bytes need none of the handlers after
     * it, so each write skips them (TLS, before it, still sees every byte).
     */
    void enableRawFrames(ChannelHandlerContext frameEncoder) {
        rawFrames = true;
        rawContext = frameEncoder;
    }

    /** Flushes everything written (once per drain). */
    void flush() {
        if (rawContext != null) {
            rawContext.flush();
        } else {
            channel.flush();
        }
    }

    private void write(Object msg) {
        if (rawContext != null && msg instanceof ByteBuf) {
            rawContext.write(msg, rawContext.voidPromise());
        } else {
            channel.write(msg, channel.voidPromise());
        }
    }

    /**
     * Takes the queue's first message, and with batching those after it that fit, and writes them as one frame;
     * each one's charge goes to {@code budget}. Returns the messages written (0 when the queue is empty) and leaves
     * the first non-zero ingest time among them in {@link #lastIngestNanos()}.
     */
    int writeNext(OutboundQueue queue, ConnectionBudget budget) {
        QueuedMessage first = queue.poll();
        if (first == null) {
            return 0;
        }
        budget.unqueued(first.charge());
        lastIngestNanos = first.ingestNanos;
        if (!batching || first.raw) {
            write(wire(first));
            return 1;
        }
        batch.add(first);
        int bytes = first.size + 2;
        QueuedMessage next;
        while (batch.size() < maxBatchMessages && (next = queue.peek()) != null && !next.raw
                && bytes + next.size + 1 <= maxBatchBytes) {
            queue.poll();
            budget.unqueued(next.charge());
            batch.add(next);
            bytes += next.size + 1;
            if (lastIngestNanos == 0) {
                lastIngestNanos = next.ingestNanos;
            }
        }
        int n = batch.size();
        write(n == 1 ? wire(first) : jsonArray());
        batch.clear();
        return n;
    }

    /** The first non-zero ingest time of the last frame written by {@link #writeNext} (0 when none). */
    long lastIngestNanos() {
        return lastIngestNanos;
    }

    private TextWebSocketFrame jsonArray() {
        CompositeByteBuf array = channel.alloc().compositeBuffer(batch.size() * 2 + 1);
        array.addComponent(true, Unpooled.wrappedBuffer(OPEN));
        for (int i = 0; i < batch.size(); i++) {
            if (i > 0) {
                array.addComponent(true, Unpooled.wrappedBuffer(COMMA));
            }
            array.addComponent(true, batch.get(i).frame);
        }
        array.addComponent(true, Unpooled.wrappedBuffer(CLOSE));
        return new TextWebSocketFrame(array);
    }

    /** What to write for one message. */
    Object wire(QueuedMessage m) {
        if (m.raw) {
            return m.frame;
        }
        return rawFrames && TextFrameHeader.isFramed(m.frame) ? TextFrameHeader.frame(m.frame)
                : new TextWebSocketFrame(m.frame);
    }
}
