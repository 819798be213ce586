package io.tickgate.feed.pool;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import io.tickgate.feed.connection.Backoff;
import io.tickgate.feed.connection.ConnectionState;
import io.tickgate.feed.connection.Session;
import io.tickgate.feed.connection.SessionListener;
import io.tickgate.feed.pipeline.FeedItem;
import io.tickgate.feed.pipeline.StaleSymbol;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pooled connection: a name on the hash ring, the symbols assigned to it and the socket ({@link Session}) that
 * currently carries them. It reconnects with backoff and full jitter (and the venue's {@code Retry-After}, under the
 * venue's attempt budget), restores and verifies subscriptions on every new socket, and rotates make-before-break
 * before the venue's lifetime cut: a second socket subscribes the same symbols, and once it is verified and
 * flowing the old one closes and hands over ({@link FeedItem.Handoff}). Confined to one event loop.
 */
final class FeedConnection implements SessionListener {

    private static final Logger LOG = LoggerFactory.getLogger(FeedConnection.class);
    private static final long TICK_MILLIS = 250;
    private static final long ROTATION_TIMEOUT_MILLIS = 30_000;

    private final String name;
    private final PoolContext ctx;
    private final EventLoop loop;
    private final Backoff backoff;
    private final Set<String> symbols = new LinkedHashSet<>();
    private final Set<String> rejected = new TreeSet<>();
    /** symbol → the connection that still delivers it until this one has verified it. */
    private final Map<String, FeedConnection> releaseAfterVerify = new HashMap<>();
    /** Handoffs waiting for the venue to confirm an unsubscribe; sent at the latest when their socket closes. */
    private final List<FeedItem.Handoff> unacked = new ArrayList<>();
    private Session active;
    private Session next;
    private ScheduledFuture<?> tick;
    private ScheduledFuture<?> reconnect;
    private long rotateAt;
    private boolean closed;
    private volatile ConnectionState state = ConnectionState.CONNECTING;
    private volatile ConnectionView view;
    private volatile long reconnects;
    private volatile long rotations;
    private volatile long messagesSeen;

    /**
     * @param initial     symbols to carry
     * @param initialFrom for symbols another connection delivers now: that connection (released once verified here)
     */
    FeedConnection(String name, PoolContext ctx, EventLoop loop, Collection<String> initial,
                   Map<String, FeedConnection> initialFrom) {
        this.name = name;
        this.ctx = ctx;
        this.loop = loop;
        this.backoff = new Backoff(ctx.config().backoffBaseMillis(), ctx.config().backoffCapMillis(),
                new SplittableRandom(ThreadLocalRandom.current().nextLong()));
        this.symbols.addAll(initial);
        this.releaseAfterVerify.putAll(initialFrom);
        this.view = buildView(System.currentTimeMillis());
    }

    String name() {
        return name;
    }

    /** Starts connecting. */
    void start() {
        loop.execute(() -> {
            tick = loop.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
            connect(false);
        });
    }

    // ---------------------------------------------------------------- symbol moves (called via the loop)

    /**
     * Takes over symbols from {@code from} (null: nobody delivers them). With a live socket this is
     * make-before-break: the symbols are subscribed as a candidate, and {@code from} releases them once they are
     * verified here.
     */
    void adopt(Collection<String> moved, FeedConnection from) {
        loop.execute(() -> {
            List<String> add = new ArrayList<>();
            for (String s : moved) {
                if (symbols.add(s)) {
                    add.add(s);
                }
            }
            if (add.isEmpty()) {
                return;
            }
            if (active != null && active.isOpen()) {
                ctx.processor().offer(new FeedItem.Candidate(active.id(), add));
                if (from != null) {
                    add.forEach(s -> releaseAfterVerify.put(s, from));
                }
                active.subscribe(add);
                if (next != null) {
                    next.subscribe(add);
                }
            } else if (from != null) {
                from.release(add, -1); // our next socket's Own claims them
            }
        });
    }

    /** Gives up symbols; once the venue confirmed the unsubscribe, session {@code to} takes over (-1: none). */
    void release(Collection<String> gone, long to) {
        loop.execute(() -> {
            List<String> list = new ArrayList<>();
            for (String s : gone) {
                if (symbols.remove(s)) {
                    list.add(s);
                }
                releaseAfterVerify.remove(s);
            }
            if (list.isEmpty()) {
                return;
            }
            if (next != null) {
                next.unsubscribe(list, null);
            }
            if (active != null && active.isOpen()) {
                FeedItem.Handoff handoff = new FeedItem.Handoff(active.id(), to, list);
                if (to > 0) {
                    unacked.add(handoff);
                }
                active.unsubscribe(list, () -> handOff(handoff));
            } else if (to > 0) {
                ctx.processor().offer(new FeedItem.Handoff(-1, to, list));
            }
        });
    }

    /** Sends a handoff once: on the venue's unsubscribe confirmation or when its socket closes, whichever is first. */
    private void handOff(FeedItem.Handoff handoff) {
        if (unacked.remove(handoff)) {
            ctx.processor().offer(handoff);
        }
    }

    /** Stale symbols: unsubscribe and subscribe them again on socket {@code session}, if it is ours. */
    void resubscribeStale(long session, List<String> stale) {
        loop.execute(() -> {
            if (active != null && active.id() == session && active.isOpen()) {
                LOG.info("feed {}: {} silent while the socket delivers other symbols: resubscribing", name, stale);
                active.resubscribe(stale);
            }
        });
    }

    /**
     * Stale symbols that resubscribing did not revive: replaces socket {@code session}, if it is ours, by a new one,
     * make-before-break (as a rotation; nothing is lost).
     */
    void recycle(long session) {
        loop.execute(() -> {
            if (closed || active == null || active.id() != session || next != null || !active.isOpen()) {
                return;
            }
            LOG.warn("feed {}: symbols stay silent after resubscribing while the socket delivers others: recycling"
                    + " the socket (make-before-break)", name);
            rotateAt = 0;
            connect(true);
        });
    }

    /** OKX: resubscribe one book on the socket {@code session}, if it is ours. */
    void resubscribeBook(long session, String symbol) {
        loop.execute(() -> {
            if (active != null && active.id() == session) {
                active.resubscribeBook(symbol);
            }
        });
    }

    /** Closes for good. */
    void close() {
        loop.execute(() -> {
            closed = true;
            if (tick != null) {
                tick.cancel(false);
            }
            if (reconnect != null) {
                reconnect.cancel(false);
            }
            if (next != null) {
                next.close("pool closing");
            }
            if (active != null) {
                active.close("pool closing");
            }
            setState(ConnectionState.CLOSED);
        });
    }

    // ---------------------------------------------------------------- connecting

    private void connect(boolean rotation) {
        if (closed) {
            return;
        }
        reconnect = null;
        long now = System.currentTimeMillis();
        long wait = ctx.connectAttempts().tryAcquire(now);
        if (wait > 0) {
            // the venue's attempt budget is spent: try again when it has room, spread out a little
            long delay = wait + ThreadLocalRandom.current().nextLong(250);
            if (rotation) {
                rotateAt = now + delay;
            } else {
                reconnect = loop.schedule(() -> connect(false), delay, TimeUnit.MILLISECONDS);
                setState(ConnectionState.BACKOFF);
            }
            return;
        }
        List<String> list = new ArrayList<>(symbols);
        long id = ctx.newSessionId();
        List<String> own = new ArrayList<>();
        List<String> candidates = new ArrayList<>();
        for (String sym : list) {
            (releaseAfterVerify.containsKey(sym) ? candidates : own).add(sym);
        }
        Session s = new Session(id, name, loop, ctx.protocol(), list, ctx.ssl(), ctx.processor(),
                ctx.newControlLimiter(), this,
                ctx.malformed());
        if (rotation) {
            next = s;
            ctx.processor().offer(new FeedItem.Candidate(id, list));
            LOG.info("feed {} rotating: opening a second socket before the venue's lifetime cut", name);
        } else {
            active = s;
            // symbols another connection still delivers are taken over make-before-break; the rest start here
            ctx.processor().offer(new FeedItem.Own(id, own));
            if (!candidates.isEmpty()) {
                ctx.processor().offer(new FeedItem.Candidate(id, candidates));
            }
            setState(ConnectionState.CONNECTING);
        }
        s.open();
    }

    private void tick() {
        long now = System.currentTimeMillis();
        Session a = active;
        if (a != null) {
            if (a.isUp() && now - a.upSince() >= ctx.config().stableMillis() && backoff.attempts() > 0) {
                backoff.reset();
            }
            setState(a.state());
            if (next == null && a.isOpen() && ctx.config().lifetimeMillis() > 0 && now >= rotateAt && !closed) {
                connect(true);
            }
        }
        Session n = next;
        if (n != null) {
            if (n.isUp() && n.dataMessages() > 0) {
                completeRotation();
            } else if (now - n.createdAt() > ROTATION_TIMEOUT_MILLIS) {
                n.close("rotation socket not ready in time");
            }
        }
        view = buildView(now);
    }

    private void completeRotation() {
        Session old = active;
        active = next;
        next = null;
        rotations++;
        scheduleRotation(active);
        if (old != null) {
            old.retire(active.id(), "rotated");
            LOG.info("feed {} rotated: new socket verified and flowing, old socket closing", name);
        }
    }

    private void scheduleRotation(Session s) {
        long life = ctx.config().lifetimeMillis();
        if (life > 0) {
            long base = s.openedAt() > 0 ? s.openedAt() : System.currentTimeMillis();
            rotateAt = base + (long) (life * (0.7 + 0.1 * ThreadLocalRandom.current().nextDouble()));
        }
    }

    // ---------------------------------------------------------------- SessionListener

    @Override
    public void sessionOpened(Session s) {
        if (s == active) {
            scheduleRotation(s);
            LOG.info("feed {} connected to {} ({} symbols)", name, s.url(), s.symbols().size());
        }
    }

    @Override
    public void sessionVerified(Session s, Collection<String> verified) {
        if (s != active) {
            return;
        }
        Map<FeedConnection, List<String>> release = new HashMap<>();
        for (String sym : verified) {
            FeedConnection from = releaseAfterVerify.remove(sym);
            if (from != null) {
                release.computeIfAbsent(from, k -> new ArrayList<>()).add(sym);
            }
        }
        release.forEach((from, list) -> from.release(list, s.id()));
    }

    @Override
    public void symbolRejected(Session s, String symbol, String reason) {
        if (rejected.add(symbol)) {
            ctx.rejected().increment();
            LOG.warn("feed {}: the venue rejected the subscription of {}: {}", name, symbol, reason);
        }
        symbols.remove(symbol);
        ctx.protocol().enableUrlSubscriptions();
    }

    @Override
    public void shutdownNotice(Session s, String why) {
        if (s == active && next == null && !closed) {
            LOG.info("feed {}: venue announced a close ({}): rotating now", name, why);
            rotateAt = 0;
            connect(true);
        }
    }

    @Override
    public void sessionClosed(Session s) {
        long now = System.currentTimeMillis();
        // no more data can come from s: releases it had not seen confirmed are handed over now (else a connection
        // closed while an unsubscribe was in flight, e.g. a drained one, would leave its symbols' new owner held)
        for (FeedItem.Handoff h : List.copyOf(unacked)) {
            if (h.from() == s.id()) {
                handOff(h);
            }
        }
        if (s.retiredTo() != 0) {
            ctx.processor().offer(new FeedItem.Handoff(s.id(), s.retiredTo(), s.symbols()));
            return;
        }
        if (s.retryAfterMillis() > 0) {
            // the venue's "wait" holds every attempt of the venue, whichever socket met it (a rotation's too): the
            // next one, here or on another connection, finds the attempt budget paused until then
            ctx.connectAttempts().pauseUntil(now + s.retryAfterMillis());
        }
        if (s == next) {
            next = null;
            if (closed) {
                return;
            }
            rotateAt = now + 5_000 + ThreadLocalRandom.current().nextLong(5_000);
            LOG.warn("feed {}: rotation socket failed ({}); the current socket stays, retrying later", name,
                    s.closeDescription());
            return;
        }
        if (s != active || closed) {
            return;
        }
        active = null;
        reconnects++;
        if (next != null) {
            // the old socket died during a rotation: the new one takes over at once
            active = next;
            next = null;
            ctx.processor().offer(new FeedItem.Handoff(s.id(), active.id(), s.symbols()));
            LOG.warn("feed {} lost its socket during rotation ({}): the new socket takes over", name,
                    s.closeDescription());
            return;
        }
        long delay = backoff.nextDelayMillis();
        delay = Math.max(delay, s.retryAfterMillis());
        if (s.rejectStatus() == 400) {
            ctx.protocol().disableUrlSubscriptions();
        }
        if (s.closeCode() == 1008) {
            // policy violation: never straight back; "too many messages" also means our budget is above the venue's
            delay = Math.max(delay, ctx.config().backoffBaseMillis());
            String reason = s.closeReason() == null ? "" : s.closeReason().toLowerCase(Locale.ROOT);
            if (reason.contains("stream")) {
                // the pool keeps every socket within maxStreamsPerConnection: the configured cap is above the venue's
                LOG.error("feed {}: the venue closed the socket for carrying too many streams (1008 {}) with {} symbols"
                        + " x {} channels: {}.maxStreamsPerConnection ({}) is above the venue's limit", name,
                        s.closeReason(), symbols.size(), ctx.endpoint().channels().size(),
                        ctx.config().venue().source(), ctx.config().maxStreamsPerConnection());
            } else if (!reason.contains("pong")) {
                int budget = ctx.tightenControlBudget();
                LOG.warn("feed {}: the venue closed the socket for its message rate (1008 {}); control budget now {} "
                        + "per {} ms", name, s.closeReason(), budget, ctx.config().controlWindowMillis());
            }
        }
        setState(ConnectionState.BACKOFF);
        LOG.warn("feed {} disconnected ({}); reconnecting in {} ms (attempt {})", name, s.closeDescription(), delay,
                backoff.attempts());
        reconnect = loop.schedule(() -> connect(false), delay, TimeUnit.MILLISECONDS);
    }

    // ---------------------------------------------------------------- views

    private void setState(ConnectionState s) {
        ConnectionState before = state;
        if (before != s) {
            state = s;
            LOG.info("feed {} {} -> {}", name, before.label(), s.label());
        }
    }

    private ConnectionView buildView(long now) {
        Session a = active;
        long age = a == null || a.openedAt() == 0 ? -1 : now - a.lastMessageAt();
        messagesSeen = a == null ? messagesSeen : a.dataMessages();
        return new ConnectionView(ctx.config().venue().source(), ctx.endpoint().name(), name,
                a == null ? ctx.endpoint().url() : a.url(), state.label(),
                a == null ? 0 : Math.round(a.health(now) * 1000) / 1000.0,
                new ArrayList<>(symbols), a == null ? 0 : verifiedCount(a), new ArrayList<>(rejected), age,
                reconnects, rotations, a == null ? 0 : a.controlSent(), stale());
    }

    /** This connection's symbols that are stale now. */
    private List<StaleSymbol> stale() {
        List<StaleSymbol> all = ctx.processor().staleSymbols();
        if (all.isEmpty()) {
            return List.of();
        }
        List<StaleSymbol> mine = new ArrayList<>();
        for (StaleSymbol s : all) {
            if (symbols.contains(s.symbol())) {
                mine.add(s);
            }
        }
        return mine;
    }

    private int verifiedCount(Session s) {
        return s.isUp() ? s.symbols().size() : 0;
    }

    ConnectionView view() {
        return view;
    }

    ConnectionState state() {
        return state;
    }

    long reconnects() {
        return reconnects;
    }

    long rotations() {
        return rotations;
    }

    /** Text frames received on the current socket (for autoscaling rates). */
    long messagesSeen() {
        return messagesSeen;
    }

    /** Symbols assigned (a copy, safe from any thread only via the view). */
    List<String> assigned() {
        return view.symbols();
    }
}
