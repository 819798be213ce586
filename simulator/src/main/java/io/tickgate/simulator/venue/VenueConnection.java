package io.tickgate.simulator.venue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client WebSocket connection of a simulated venue: its subscriptions and the fault state that changes how the
 * server writes to it. Any thread may send; every frame goes through the channel's event-loop task queue, so frames
 * leave in the order they were sent, like a venue's one outbound stream per connection. In particular the reply to
 * an unsubscribe, written while the loop handles the request, comes after every frame of that subscription the
 * engine published before (a client hands a symbol over to another socket on that reply).
 */
public final class VenueConnection {

    private final long id;
    private final String connId;
    private final Channel channel;
    private final boolean combined;
    private final long openedAt;
    private final Set<String> subscriptions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger skipBookUpdates = new AtomicInteger();
    /** Fault: per subscription key, that book's updates still to drop (each book sees its own gap). */
    private final Map<String, Integer> skipEachBook = new ConcurrentHashMap<>();
    /** Muted subscription keys → sticky (survives an unsubscribe) or not. */
    private final Map<String, Boolean> muted = new ConcurrentHashMap<>();
    private volatile long stalledUntil;
    private volatile long slowUntil;
    private volatile long slowDelayMillis;
    private volatile long lastSentAt;
    private volatile long lastPongAt;
    private volatile boolean closing;

    public VenueConnection(long id, String connId, Channel channel, boolean combined, long now) {
        this.id = id;
        this.connId = connId;
        this.channel = channel;
        this.combined = combined;
        this.openedAt = now;
        this.lastSentAt = now;
        this.lastPongAt = now;
    }

    /** Server-wide connection number, in order of connection. */
    public long id() {
        return id;
    }

    /** The venue-style connection id (OKX {@code connId}). */
    public String connId() {
        return connId;
    }

    public Channel channel() {
        return channel;
    }

    /** Binance: the connection wraps events as {@code {"stream":..,"data":..}}. */
    public boolean combined() {
        return combined;
    }

    public long openedAt() {
        return openedAt;
    }

    /** The live subscriptions (stream names or channel keys), concurrently readable. */
    public Set<String> subscriptions() {
        return subscriptions;
    }

    public boolean isOpen() {
        return channel.isActive() && !closing;
    }

    public long lastSentAt() {
        return lastSentAt;
    }

    public long lastPongAt() {
        return lastPongAt;
    }

    public void pongReceived(long now) {
        lastPongAt = now;
    }

    /** Sends a text frame with a copy of {@code text}. */
    public void sendText(String text) {
        send(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8), null);
    }

    /**
     * Sends a shared, already encoded payload (the buffer is not released; a retained duplicate is written).
     *
     * @param bookKey the subscription key of an order-book update, which a "skip sequence" fault may drop; null for
     *                anything else
     */
    public void sendShared(ByteBuf payload, String bookKey) {
        send(payload.retainedDuplicate(), bookKey);
    }

    private void send(ByteBuf payload, String bookKey) {
        long now = System.currentTimeMillis();
        if (!isOpen() || now < stalledUntil || (bookKey != null && skipped(bookKey))) {
            payload.release();
            return;
        }
        if (!channel.isWritable()) {
            payload.release();
            close(1008, "slow consumer");
            return;
        }
        lastSentAt = now;
        TextWebSocketFrame frame = new TextWebSocketFrame(payload);
        long delay = now < slowUntil ? slowDelayMillis : 0;
        if (delay > 0) {
            channel.eventLoop().schedule(() -> {
                channel.writeAndFlush(frame);
            }, delay, TimeUnit.MILLISECONDS);
        } else {
            // always through the loop's task queue, also on the loop itself: a reply to a request must not overtake
            // data the engine published before the request was handled (that data is still queued as write tasks)
            channel.eventLoop().execute(() -> channel.writeAndFlush(frame));
        }
    }

    /**
     * Sends a close frame with a code and reason (after every frame sent before) and ends the close handshake: the
     * TCP connection closes when the client answers with its close frame ({@link #closeReceived}), or
     * {@value #CLOSE_HANDSHAKE_MILLIS} ms after the frame, whichever is first. Until then the server keeps reading
     * (and ignoring) what the client sends: closing a socket with unread input sends a reset, and a client that was
     * still writing (a message flood) could lose the close frame to it and never see the code.
     */
    public void close(int code, String reason) {
        if (closing) {
            return;
        }
        closing = true;
        channel.eventLoop().execute(() -> channel.writeAndFlush(new CloseWebSocketFrame(code, reason)));
        channel.eventLoop().schedule(() -> {
            channel.close();
        }, CLOSE_HANDSHAKE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * The client sent a close frame: the answer to the server's own close ends the handshake and the connection;
     * otherwise the server answers with a normal close (1000) and closes once that is written.
     */
    public void closeReceived() {
        if (closing) {
            channel.eventLoop().execute(channel::close);
            return;
        }
        closing = true;
        channel.eventLoop().execute(() -> channel.writeAndFlush(new CloseWebSocketFrame(1000, ""))
                .addListener(ChannelFutureListener.CLOSE));
    }

    /** How long a close waits for the client's close frame before it drops the connection. */
    static final long CLOSE_HANDSHAKE_MILLIS = 2_000;

    /** Drops the TCP connection with a reset (SO_LINGER 0), no close frame. */
    public void reset() {
        closing = true;
        channel.eventLoop().execute(() -> {
            channel.config().setOption(ChannelOption.SO_LINGER, 0);
            channel.close();
        });
    }

    /** Fault: stop sending anything (silently) until {@code untilMillis}. */
    public void stallUntil(long untilMillis) {
        stalledUntil = untilMillis;
    }

    /** Fault: delay every frame by {@code delayMillis} until {@code untilMillis}. */
    public void slowDown(long delayMillis, long untilMillis) {
        slowDelayMillis = delayMillis;
        slowUntil = untilMillis;
    }

    /**
     * Fault: stop pushing these subscription keys to this connection (a venue-side stuck stream) while everything
     * else keeps flowing. Not sticky: until the client unsubscribes the key (a resubscription gets a live stream);
     * sticky: until the connection closes.
     */
    public void mute(Collection<String> keys, boolean sticky) {
        keys.forEach(k -> muted.merge(k, sticky, Boolean::logicalOr));
    }

    /** True while pushes of {@code key} to this connection are muted by a fault. */
    public boolean muted(String key) {
        return !muted.isEmpty() && muted.containsKey(key);
    }

    /** The client unsubscribed {@code key}: a non-sticky mute of it ends, and so does a skip of its updates. */
    void unsubscribed(String key) {
        if (!muted.isEmpty()) {
            muted.remove(key, Boolean.FALSE);
        }
        skipEachBook.remove(key);
    }

    /** Fault: drop the next {@code updates} order-book updates, whatever their book, so the client sees a gap. */
    public void skipBookUpdates(int updates) {
        skipBookUpdates.addAndGet(updates);
    }

    /**
     * Fault: drop the next {@code updates} updates of each book subscribed now, so every one of them sees a sequence
     * gap (at its next update after those). Keys that carry no book updates keep their count until unsubscribed.
     */
    public void skipEachBookUpdates(int updates) {
        for (String key : subscriptions) {
            skipEachBook.merge(key, updates, Integer::sum);
        }
    }

    /** True when a fault drops this update of {@code bookKey}; counts it against the fault. */
    private boolean skipped(String bookKey) {
        if (skipBookUpdates.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            return true;
        }
        if (skipEachBook.isEmpty()) {
            return false;
        }
        boolean[] hit = new boolean[1];
        skipEachBook.computeIfPresent(bookKey, (k, n) -> {
            hit[0] = true;
            return n > 1 ? n - 1 : null;
        });
        return hit[0];
    }
}
