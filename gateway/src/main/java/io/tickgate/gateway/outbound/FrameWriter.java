package io.tickgate.gateway.outbound;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.tickgate.gateway.codec.TextFrameHeader;
import io.tickgate.gateway.hub.DeferredReleases;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a connection's queued messages to its channel, without flushing. A message pre-framed by the serializer
 * ({@link TextFrameHeader}) goes as its shared bytes, header included, when no WebSocket extension encodes the
 * connection's frames ({@link #enableRawFrames}); otherwise as a {@code TextWebSocketFrame}. A control frame goes as
 * it is. With batching ({@code ?batch=1}) several messages go as one text frame holding a JSON array: a composite
 * buffer over the shared message buffers, no copy; a lone message goes as itself.
 *
 * <p>Raw frames are coalesced: the pre-framed messages of one drain are copied into one pooled buffer (up to
 * {@value #COALESCE_BYTES} bytes) and written as one, so a drain costs one socket write and one outbound-buffer entry
 * instead of one per message (a lone message is written as its shared bytes, uncopied); the copied frames' references
 * go back at the end of the event loop's wake-up task ({@link DeferredReleases}). Event loop only.
 */
final class FrameWriter {

    private static final byte[] OPEN = {'['};
    private static final byte[] COMMA = {','};
    private static final byte[] CLOSE = {']'};
    /** Largest coalesced write: beyond it the drain's next bytes start another buffer. */
    static final int COALESCE_BYTES = 32 * 1024;

    private final Channel channel;
    private final int maxBatchMessages;
    private final int maxBatchBytes;
    private final List<QueuedMessage> batch = new ArrayList<>();
    private boolean batching;
    private boolean rawFrames;
    /** Where writes of whole frames start (the frame encoder's context, below every encoder); null: the tail. */
    private ChannelHandlerContext rawContext;
    private long lastIngestNanos;
    /** A raw frame not yet written: the drain's first, kept uncopied until a second one arrives. */
    private ByteBuf held;
    /** Raw frames copied one after another, not yet written. */
    private ByteBuf coalesced;

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

    /** Writes what is coalesced and flushes everything written (once per drain). */
    void flush() {
        emit();
        if (rawContext != null) {
            rawContext.flush();
        } else {
            channel.flush();
        }
    }

    private void write(Object msg) {
        if (rawContext != null && msg instanceof ByteBuf buf) {
            coalesce(buf);
        } else {
            emit();
            channel.write(msg, channel.voidPromise());
        }
    }

    /** Adds a raw frame to what this drain writes as one buffer; takes ownership of {@code buf}. */
    private void coalesce(ByteBuf buf) {
        if (coalesced == null && held == null) {
            held = buf; // the drain's first frame: copied only if a second one follows
            return;
        }
        if (!roomFor(buf.readableBytes())) {
            held = buf;
            return;
        }
        coalesced.writeBytes(buf, buf.readerIndex(), buf.readableBytes());
        DeferredReleases.release(buf);
    }

    /**
     * Copies a pre-framed message shared with other connections (not owned) into this drain's coalesced write; false
     * (nothing done) when this connection's frames cannot go as shared bytes (batching, an extension, not framed) or
     * the coalesced write is full (bytes copied here are outside the budget until the drain writes them).
     */
    boolean copyShared(ByteBuf frame) {
        int payload = frame.readableBytes();
        int n = payload + TextFrameHeader.length(payload);
        if (rawContext == null || batching || n > COALESCE_BYTES || !TextFrameHeader.isFramed(frame)) {
            return false;
        }
        if (coalesced != null && coalesced.maxWritableBytes() < n) {
            return false; // full: what follows waits in the queue, counted in the budget, until the drain
        }
        if (!roomFor(n)) {
            coalesced = channel.alloc().ioBuffer(Math.min(COALESCE_BYTES, Math.max(256, 2 * n)), COALESCE_BYTES);
        }
        coalesced.writeBytes(frame, frame.readerIndex() + payload - n, n); // header and payload
        return true;
    }

    /**
     * Makes room for {@code n} more bytes in the coalesced buffer: a held frame is copied into a new one when both fit
     * in one buffer; when they do not (or the coalesced buffer is full) what this drain has is written first. True
     * when the coalesced buffer now has room; false when there is none (nothing held or coalesced any more).
     */
    private boolean roomFor(int n) {
        if (held != null) {
            int first = held.readableBytes();
            if (first + n > COALESCE_BYTES) {
                emit();
                return false;
            }
            coalesced = channel.alloc().ioBuffer(Math.min(COALESCE_BYTES, 4 * (first + n)), COALESCE_BYTES);
            coalesced.writeBytes(held, held.readerIndex(), first);
            DeferredReleases.release(held);
            held = null;
            return true;
        }
        if (coalesced != null && coalesced.maxWritableBytes() < n) {
            emit();
            return false;
        }
        return coalesced != null;
    }

    /** Releases what is held or coalesced, unwritten (the connection is gone). */
    void discard() {
        if (held != null) {
            held.release();
            held = null;
        }
        if (coalesced != null) {
            coalesced.release();
            coalesced = null;
        }
    }

    /** Writes what is held or coalesced (no flush). */
    void emit() {
        if (held != null) {
            rawContext.write(held, rawContext.voidPromise());
            held = null;
        }
        if (coalesced != null) {
            rawContext.write(coalesced, rawContext.voidPromise());
            coalesced = null;
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
