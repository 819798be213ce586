package io.tickgate.feed.venues.binance;

import io.tickgate.feed.venue.SessionIo;

import io.tickgate.feed.venue.SessionProtocol;

import io.netty.buffer.ByteBuf;
import io.tickgate.feed.json.DecodeStatus;
import io.tickgate.feed.venues.binance.BinanceControl;
import io.tickgate.feed.venues.binance.BinanceFrameDecoder;
import io.tickgate.feed.venues.binance.BinanceSink;
import io.tickgate.feed.pipeline.FeedItem;
import io.tickgate.model.event.BookDelta;
import io.tickgate.model.event.MarketEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One Binance socket: {@code SUBSCRIBE} what the URL did not carry (batches; a rejected batch is split until the
 * rejected stream is found, which is reported), then {@code LIST_SUBSCRIPTIONS} to verify; missing streams are
 * subscribed again (3 tries, then reported). Pings are answered with the same payload.
 */
final class BinanceSession implements SessionProtocol, BinanceSink {

    private static final int BATCH_STREAMS = 200;
    private static final long REPLY_TIMEOUT_MILLIS = 10_000;
    /**
     * SUBSCRIBEs in a row left unanswered (each sent again after {@value #REPLY_TIMEOUT_MILLIS} ms) after which the
     * socket is taken for deaf to control messages and replaced (make-before-break, as on a {@code serverShutdown}),
     * rather than asked again every 10 s for as long as it lives.
     */
    static final int MAX_UNANSWERED = 3;
    private static final int MAX_VERIFY_ROUNDS = 3;

    private final BinanceProtocol protocol;
    private final SessionIo io;
    private final BinanceFrameDecoder decoder = new BinanceFrameDecoder();
    private final Set<String> wanted = new LinkedHashSet<>();
    private final Set<String> urlSymbols;
    private final Map<String, Request> pending = new HashMap<>();
    private final Map<String, Integer> verifyRounds = new HashMap<>();
    private final Set<String> rejected = new HashSet<>();
    private int nextId = 1;
    private String listId;
    private long listSentAt;
    private boolean open;

    private record Request(List<String> symbols, boolean subscribe, Runnable acked, long sentAt) {
    }

    /** SUBSCRIBEs timed out since the last answer of any request. */
    private int unanswered;
    /** The socket was reported deaf: it is being replaced. */
    private boolean replacing;

    BinanceSession(BinanceProtocol protocol, SessionIo io, List<String> urlSymbols) {
        this.protocol = protocol;
        this.io = io;
        this.urlSymbols = new HashSet<>(urlSymbols);
    }

    @Override
    public void onOpen(Collection<String> symbols) {
        open = true;
        wanted.addAll(symbols);
        List<String> rest = new ArrayList<>();
        for (String s : symbols) {
            if (!urlSymbols.contains(s)) {
                rest.add(s);
            }
        }
        send(rest, true, null);
        maybeVerify();
    }

    @Override
    public void subscribe(Collection<String> symbols) {
        List<String> added = new ArrayList<>();
        for (String s : symbols) {
            if (wanted.add(s)) {
                added.add(s);
            }
        }
        if (open) {
            send(added, true, null);
        }
    }

    @Override
    public void unsubscribe(Collection<String> symbols, Runnable acked) {
        List<String> removed = new ArrayList<>();
        for (String s : symbols) {
            if (wanted.remove(s)) {
                removed.add(s);
            }
        }
        if (!open || removed.isEmpty()) {
            if (acked != null) {
                acked.run();
            }
            return;
        }
        send(removed, false, acked);
    }

    @Override
    public void resubscribeBook(String symbol) {
        // Binance books resync by REST snapshot: nothing to do on the socket
    }

    private void send(List<String> symbols, boolean subscribe, Runnable acked) {
        if (symbols.isEmpty()) {
            return;
        }
        List<String> batch = new ArrayList<>();
        int streams = 0;
        for (int i = 0; i < symbols.size(); i++) {
            batch.add(symbols.get(i));
            streams += protocol.streamsPerSymbol();
            if (streams >= BATCH_STREAMS || i == symbols.size() - 1) {
                boolean last = i == symbols.size() - 1;
                request(new ArrayList<>(batch), subscribe, last ? acked : null);
                batch.clear();
                streams = 0;
            }
        }
    }

    private void request(List<String> symbols, boolean subscribe, Runnable acked) {
        String id = Integer.toString(nextId++);
        pending.put(id, new Request(symbols, subscribe, acked, System.currentTimeMillis()));
        StringBuilder b = new StringBuilder(64 + symbols.size() * 40);
        b.append("{\"method\":\"").append(subscribe ? "SUBSCRIBE" : "UNSUBSCRIBE").append("\",\"params\":[");
        boolean first = true;
        for (String s : symbols) {
            for (String stream : protocol.streams(s)) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                b.append('"').append(stream).append('"');
            }
        }
        b.append("],\"id\":").append(id).append('}');
        io.sendControl(b.toString());
    }

    private void maybeVerify() {
        if (listId != null) {
            return;
        }
        for (Request r : pending.values()) {
            if (r.subscribe) {
                return; // verify once every SUBSCRIBE is answered
            }
        }
        listId = Integer.toString(nextId++);
        listSentAt = System.currentTimeMillis();
        io.sendControl("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":" + listId + "}");
    }

    @Override
    public void onText(ByteBuf utf8) {
        DecodeStatus status = decoder.decode(utf8, this);
        if (status == DecodeStatus.MALFORMED) {
            io.malformed(decoder.lastError());
        }
    }

    @Override
    public void onPing(byte[] payload) {
        io.heartbeat();
        io.sendPong(payload);
    }

    @Override
    public void onPong() {
        io.heartbeat();
    }

    @Override
    public void onTick(long nowMillis) {
        if (listId != null && nowMillis - listSentAt > REPLY_TIMEOUT_MILLIS) {
            listId = null; // the answer never came: ask again
            maybeVerify();
        }
        List<String> expired = new ArrayList<>();
        for (Map.Entry<String, Request> e : pending.entrySet()) {
            if (nowMillis - e.getValue().sentAt > REPLY_TIMEOUT_MILLIS) {
                expired.add(e.getKey());
            }
        }
        for (String id : expired) {
            Request r = pending.remove(id);
            if (r.subscribe && ++unanswered >= MAX_UNANSWERED) {
                if (!replacing) {
                    replacing = true;
                    io.shutdownNotice("no answer to " + unanswered + " SUBSCRIBE requests in a row");
                }
            } else if (r.subscribe) {
                send(stillWanted(r.symbols), true, null);
            } else if (r.acked != null) {
                r.acked.run();
            }
        }
    }

    private List<String> stillWanted(List<String> symbols) {
        List<String> out = new ArrayList<>();
        for (String s : symbols) {
            if (wanted.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- BinanceSink

    @Override
    public void onEvent(MarketEvent event) {
        io.deliver(new FeedItem.Event(io.sessionId(), event));
    }

    @Override
    public void onDepthUpdate(BookDelta update) {
        io.deliver(new FeedItem.Book(io.sessionId(), update.symbol(), update));
    }

    @Override
    public void onControl(BinanceControl c) {
        if (c.kind() == BinanceControl.Kind.SERVER_SHUTDOWN) {
            io.shutdownNotice("serverShutdown");
            return;
        }
        if (c.id() != null && c.id().equals(listId)) {
            listId = null;
            if (c.kind() == BinanceControl.Kind.RESULT) {
                onList(new HashSet<>(c.result()));
            }
            return;
        }
        Request r = c.id() == null ? null : pending.remove(c.id());
        if (r == null) {
            return;
        }
        unanswered = 0;
        if (c.kind() == BinanceControl.Kind.ERROR && r.subscribe) {
            if (r.symbols.size() == 1) {
                rejectSymbol(r.symbols.get(0), "error " + c.code() + ": " + c.message());
            } else {
                // one bad stream fails the whole request: split to find it
                int half = r.symbols.size() / 2;
                request(new ArrayList<>(r.symbols.subList(0, half)), true, null);
                request(new ArrayList<>(r.symbols.subList(half, r.symbols.size())), true, null);
            }
        }
        if (r.acked != null) {
            r.acked.run();
        }
        if (r.subscribe) {
            maybeVerify();
        }
    }

    private void rejectSymbol(String symbol, String why) {
        wanted.remove(symbol);
        rejected.add(symbol);
        io.rejected(symbol, why);
    }

    private void onList(Set<String> live) {
        List<String> ok = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String s : wanted) {
            if (live.containsAll(protocol.streams(s))) {
                ok.add(s);
            } else {
                missing.add(s);
            }
        }
        if (!ok.isEmpty()) {
            io.verified(ok);
        }
        List<String> retry = new ArrayList<>();
        for (String s : missing) {
            int rounds = verifyRounds.merge(s, 1, Integer::sum);
            if (rounds > MAX_VERIFY_ROUNDS) {
                rejectSymbol(s, "not in LIST_SUBSCRIPTIONS after " + MAX_VERIFY_ROUNDS + " subscribe attempts");
            } else {
                retry.add(s);
            }
        }
        if (!retry.isEmpty()) {
            send(retry, true, null);
            maybeVerify();
        }
    }
}
