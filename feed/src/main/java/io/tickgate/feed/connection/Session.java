package io.tickgate.feed.connection;

import io.netty.buffer.ByteBuf;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.ScheduledFuture;
import io.tickgate.feed.pipeline.FeedItem;
import io.tickgate.feed.pipeline.VenueProcessor;
import io.tickgate.feed.venue.SessionIo;
import io.tickgate.feed.venue.SessionProtocol;
import io.tickgate.feed.venue.VenueProtocol;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One physical upstream socket of a pooled connection: connect, handshake, subscribe and verify through the venue's
 * {@link SessionProtocol}, send control messages under a per-connection budget (pongs first), watch its health
 * (heartbeat age, message age; past the venue's threshold it closes itself), hand decoded data to the venue's
 * processor. Confined to one event loop; fields read by other threads are volatile.
 */
public final class Session implements WsListener, SessionIo {

    private static final Logger LOG = LoggerFactory.getLogger(Session.class);
    private static final long TICK_MILLIS = 250;
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final long HANDSHAKE_TIMEOUT_MILLIS = 10_000;

    private final long id;
    private final String name;
    private final EventLoop loop;
    private final VenueProtocol venue;
    private final VenueProtocol.Target target;
    private final SslContext ssl;
    private final VenueProcessor processor;
    private final SlidingWindowLimiter control;
    private final SessionListener listener;
    private final LongAdder malformed;
    private final SessionProtocol protocol;
    private final Set<String> symbols;
    private final Set<String> verified = new HashSet<>();
    private final ControlOutbox outbox = new ControlOutbox();
    private final long createdAt = System.currentTimeMillis();
    private Channel channel;
    private ScheduledFuture<?> tick;
    private ScheduledFuture<?> drainLater;
    private volatile ConnectionState state = ConnectionState.CONNECTING;
    private volatile long openedAt;
    private volatile long upSince;
    private volatile long lastMessageAt = createdAt;
    private volatile long lastHeartbeatAt = createdAt;
    private volatile long dataMessages;
    private long controlSent;
    private int rejectStatus;
    private long retryAfterMillis;
    private int closeCode;
    private String closeReason;
    private Throwable cause;
    private String closeWhy;
    private long retiredTo;
    private boolean closedReported;

    /**
     * @param id        unique socket id (tags its data)
     * @param name      the pooled connection's name, for logs
     * @param loop      the event loop that owns this session
     * @param venue     the venue's rules
     * @param symbols   the symbols this socket carries
     * @param ssl       TLS for wss:// (null for ws://)
     * @param processor where decoded data goes
     * @param control   this socket's control-message budget
     * @param listener  the owner
     * @param malformed counts undecodable frames
     */
    public Session(long id, String name, EventLoop loop, VenueProtocol venue, Collection<String> symbols,
                   SslContext ssl, VenueProcessor processor, SlidingWindowLimiter control,
                   SessionListener listener, LongAdder malformed) {
        this.id = id;
        this.name = name;
        this.loop = loop;
        this.venue = venue;
        this.symbols = new LinkedHashSet<>(symbols);
        this.target = venue.target(new ArrayList<>(this.symbols));
        this.ssl = ssl;
        this.processor = processor;
        this.control = control;
        this.listener = listener;
        this.malformed = malformed;
        this.protocol = venue.open(this, target.urlSymbols());
    }

    /** Opens the socket (on the event loop). */
    public void open() {
        Bootstrap b = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new WsClientInitializer(target.uri(), ssl, this));
        ChannelFuture f = b.connect(target.uri().getHost(), WsClientInitializer.port(target.uri()));
        channel = f.channel();
        f.addListener(done -> {
            if (!done.isSuccess()) {
                cause = done.cause();
                onClosed(done.cause());
            }
        });
        tick = loop.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    // ---------------------------------------------------------------- control from the owner (event loop)

    /** Adds symbols to this socket. */
    public void subscribe(Collection<String> more) {
        List<String> added = new ArrayList<>();
        for (String s : more) {
            if (symbols.add(s)) {
                added.add(s);
            }
        }
        if (!added.isEmpty()) {
            if (state == ConnectionState.UP) {
                setState(ConnectionState.SUBSCRIBING);
            }
            protocol.subscribe(added);
        }
    }

    /** Removes symbols; {@code acked} runs once no more data for them can arrive on this socket. */
    public void unsubscribe(Collection<String> fewer, Runnable acked) {
        symbols.removeAll(fewer);
        verified.removeAll(fewer);
        if (isOpen()) {
            protocol.unsubscribe(fewer, acked);
        } else if (acked != null) {
            acked.run();
        }
        checkUp();
    }

    /**
     * Subscribes symbols again (unsubscribe, then subscribe once the venue confirmed it) through the venue's protocol
     * and this socket's control budget, for a venue-side stuck stream. The socket stays up meanwhile; a symbol
     * released from it in between is not subscribed again.
     */
    public void resubscribe(Collection<String> stale) {
        List<String> mine = new ArrayList<>();
        for (String s : stale) {
            if (symbols.contains(s)) {
                mine.add(s);
            }
        }
        if (isOpen() && !mine.isEmpty()) {
            protocol.resubscribe(mine, symbols::contains);
        }
    }

    /** OKX: resubscribe a book for a fresh snapshot. */
    public void resubscribeBook(String symbol) {
        if (isOpen() && symbols.contains(symbol)) {
            protocol.resubscribeBook(symbol);
        }
    }

    /** Closes the socket with a close frame; once closed, the owner hands its symbols to session {@code to}. */
    public void retire(long to, String why) {
        retiredTo = to;
        close(why);
    }

    /** Closes the socket (close frame 1000, then TCP close). */
    public void close(String why) {
        if (closeWhy == null) {
            closeWhy = why;
        }
        if (channel != null && channel.isActive()) {
            channel.writeAndFlush(new CloseWebSocketFrame(1000, why)).addListener(f -> channel.close());
            loop.schedule(() -> {
                channel.close();
            }, 2, TimeUnit.SECONDS);
        } else if (channel != null) {
            channel.close();
            if (!closedReported && !channel.isRegistered()) {
                onClosed(null);
            }
        } else {
            onClosed(null);
        }
    }

    // ---------------------------------------------------------------- WsListener

    @Override
    public void onOpen() {
        openedAt = System.currentTimeMillis();
        lastMessageAt = openedAt;
        lastHeartbeatAt = openedAt;
        setState(ConnectionState.SUBSCRIBING);
        listener.sessionOpened(this);
        protocol.onOpen(new ArrayList<>(symbols));
        checkUp();
    }

    @Override
    public void onRejected(int status, long retryAfter, String body) {
        rejectStatus = status;
        retryAfterMillis = retryAfter;
        closeReason = "HTTP " + status + (body == null || body.isBlank() ? "" : " " + body.strip());
    }

    @Override
    public void onText(ByteBuf utf8) {
        lastMessageAt = System.currentTimeMillis();
        dataMessages++;
        protocol.onText(utf8);
    }

    @Override
    public void onPing(byte[] payload) {
        lastMessageAt = System.currentTimeMillis();
        protocol.onPing(payload);
    }

    @Override
    public void onPong() {
        lastMessageAt = System.currentTimeMillis();
        protocol.onPong();
    }

    @Override
    public void onCloseFrame(int code, String reason) {
        closeCode = code;
        closeReason = reason;
    }

    @Override
    public void onClosed(Throwable t) {
        if (closedReported) {
            return;
        }
        closedReported = true;
        if (t != null && cause == null) {
            cause = t;
        }
        if (tick != null) {
            tick.cancel(false);
        }
        if (drainLater != null) {
            drainLater.cancel(false);
        }
        outbox.clear();
        setState(ConnectionState.CLOSED);
        listener.sessionClosed(this);
    }

    // ---------------------------------------------------------------- SessionIo

    @Override
    public long sessionId() {
        return id;
    }

    @Override
    public void sendControl(String text) {
        outbox.add(new TextWebSocketFrame(text));
        drain();
    }

    @Override
    public void sendPong(byte[] payload) {
        outbox.addPong(new PongWebSocketFrame(Unpooled.wrappedBuffer(payload)));
        drain();
    }

    @Override
    public void sendHeartbeat(String text) {
        if (isOpen()) {
            channel.writeAndFlush(new TextWebSocketFrame(text));
        }
    }

    @Override
    public void deliver(FeedItem item) {
        processor.offer(item);
    }

    @Override
    public void heartbeat() {
        lastHeartbeatAt = System.currentTimeMillis();
    }

    @Override
    public void verified(Collection<String> confirmed) {
        List<String> mine = new ArrayList<>();
        for (String s : confirmed) {
            if (symbols.contains(s)) {
                verified.add(s);
                mine.add(s);
            }
        }
        checkUp();
        if (!mine.isEmpty()) {
            listener.sessionVerified(this, mine);
        }
    }

    @Override
    public void rejected(String symbol, String reason) {
        symbols.remove(symbol);
        verified.remove(symbol);
        listener.symbolRejected(this, symbol, reason);
        checkUp();
    }

    @Override
    public void rateLimited(long waitMillis) {
        control.pauseUntil(System.currentTimeMillis() + waitMillis);
    }

    @Override
    public void shutdownNotice(String why) {
        listener.shutdownNotice(this, why);
    }

    @Override
    public void malformed(String why) {
        malformed.increment();
        LOG.debug("{}: malformed frame: {}", name, why);
    }

    // ---------------------------------------------------------------- internals

    private void drain() {
        if (channel == null || !channel.isActive()) {
            return;
        }
        boolean wrote = false;
        while (!outbox.isEmpty()) {
            long wait = control.tryAcquire(System.currentTimeMillis());
            if (wait > 0) {
                if (drainLater == null || drainLater.isDone()) {
                    drainLater = loop.schedule(this::drain, wait, TimeUnit.MILLISECONDS);
                }
                break;
            }
            channel.write(outbox.take());
            controlSent++;
            wrote = true;
        }
        if (wrote) {
            channel.flush();
        }
    }

    private void tick() {
        long now = System.currentTimeMillis();
        if (state == ConnectionState.CONNECTING) {
            if (now - createdAt > HANDSHAKE_TIMEOUT_MILLIS) {
                close("handshake timed out");
            }
            return;
        }
        if (!isOpen()) {
            return;
        }
        protocol.onTick(now);
        if (HealthScore.dead(now - lastHeartbeatAt, venue.heartbeatTimeoutMillis(), now - lastMessageAt,
                venue.silenceMillis())) {
            LOG.warn("{}: silent past the venue's threshold (heartbeat {} ms, message {} ms ago): treating it as dead",
                    name, now - lastHeartbeatAt, now - lastMessageAt);
            close("silent");
        }
    }

    private void checkUp() {
        if (state == ConnectionState.SUBSCRIBING && verified.containsAll(symbols)) {
            upSince = System.currentTimeMillis();
            setState(ConnectionState.UP);
        }
    }

    private void setState(ConnectionState s) {
        state = s;
    }

    // ---------------------------------------------------------------- views

    public long id() {
        return id;
    }

    public ConnectionState state() {
        return state;
    }

    public boolean isOpen() {
        return channel != null && channel.isActive() && openedAt > 0 && !closedReported;
    }

    public boolean isUp() {
        return state == ConnectionState.UP;
    }

    public long createdAt() {
        return createdAt;
    }

    /** When the handshake completed (0 before). */
    public long openedAt() {
        return openedAt;
    }

    /** When every subscription was last confirmed (0 before). */
    public long upSince() {
        return upSince;
    }

    public long lastMessageAt() {
        return lastMessageAt;
    }

    public long lastHeartbeatAt() {
        return lastHeartbeatAt;
    }

    /** Text frames received. */
    public long dataMessages() {
        return dataMessages;
    }

    /** Control frames sent. */
    public long controlSent() {
        return controlSent;
    }

    /** The health score now (0 dead … 1 fresh). */
    public double health(long now) {
        if (state != ConnectionState.UP && state != ConnectionState.SUBSCRIBING) {
            return 0;
        }
        return HealthScore.score(now - lastHeartbeatAt, venue.heartbeatTimeoutMillis(), now - lastMessageAt,
                venue.silenceMillis());
    }

    public List<String> symbols() {
        return new ArrayList<>(symbols);
    }

    public String url() {
        return target.uri().getScheme() + "://" + target.uri().getAuthority() + target.uri().getPath();
    }

    /** The HTTP status of a refused upgrade (0 if none). */
    public int rejectStatus() {
        return rejectStatus;
    }

    /** The venue's {@code Retry-After}, ms (0 if none). */
    public long retryAfterMillis() {
        return retryAfterMillis;
    }

    /** The close code the server sent (0 if none). */
    public int closeCode() {
        return closeCode;
    }

    /** The reason of the server's close frame (or of a refused upgrade), null if none. */
    public String closeReason() {
        return closeReason;
    }

    /** Why it closed, for the log. */
    public String closeDescription() {
        StringBuilder b = new StringBuilder();
        if (closeWhy != null) {
            b.append(closeWhy);
        }
        if (closeCode != 0) {
            b.append(b.length() > 0 ? ", " : "").append("close ").append(closeCode);
        }
        if (closeReason != null && !closeReason.isEmpty()) {
            b.append(b.length() > 0 ? ": " : "").append(closeReason);
        }
        if (cause != null) {
            b.append(b.length() > 0 ? ", " : "").append(cause.getClass().getSimpleName()).append(": ")
                    .append(cause.getMessage());
        }
        return b.length() == 0 ? "closed by peer" : b.toString();
    }

    /** The session this one was retired in favour of (rotation), or 0. */
    public long retiredTo() {
        return retiredTo;
    }
}
