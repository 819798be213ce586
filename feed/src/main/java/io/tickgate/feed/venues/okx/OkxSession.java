package io.tickgate.feed.venues.okx;

import io.tickgate.feed.venue.SessionIo;

import io.tickgate.feed.venue.SessionProtocol;

import io.netty.buffer.ByteBuf;
import io.tickgate.feed.json.DecodeStatus;
import io.tickgate.feed.venues.okx.OkxBookMessage;
import io.tickgate.feed.venues.okx.OkxControl;
import io.tickgate.feed.venues.okx.OkxFrameDecoder;
import io.tickgate.feed.venues.okx.OkxSink;
import io.tickgate.feed.pipeline.FeedItem;
import io.tickgate.model.event.MarketEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One OKX socket: {@code subscribe} requests in batches, each argument confirmed by its own ack; a symbol is verified
 * when all its channels are. Answers count only for the request they name ({@code id}). Errors: 60014 (too frequent)
 * → the budget pauses and the request (subscribe or unsubscribe, e.g. the two halves of a book resubscription) is sent
 * again after the pause, in order, and an unsubscribe sent again is followed by a subscribe for what is still wanted
 * (its subscribe half may have been done meanwhile); an error naming an {@code instId} of the request → that symbol
 * is reported as rejected; any other error of a request of several arguments → the request is split in halves and
 * sent again until the bad argument is alone, then it is rejected. A request without an answer is sent again (3 tries,
 * then reported); {@value #MAX_UNANSWERED} subscribes in a row without any answer → the socket is taken for deaf to
 * control messages and replaced (make-before-break). Book resubscriptions asked within one tick go out together.
 * Sends {@code ping} when quiet.
 */
final class OkxSession implements SessionProtocol, OkxSink {

    private static final int BATCH_ARGS = 60;
    private static final long REPLY_TIMEOUT_MILLIS = 10_000;
    private static final long TOO_FREQUENT_WAIT_MILLIS = 2_000;
    private static final int MAX_TRIES = 3;
    /** Subscribe requests timed out in a row, with no answer to any request between, after which the socket goes. */
    static final int MAX_UNANSWERED = 3;
    private static final Pattern INST_ID = Pattern.compile("instId:([A-Za-z0-9_-]+)");

    private final OkxProtocol protocol;
    private final SessionIo io;
    private final OkxFrameDecoder decoder = new OkxFrameDecoder();
    private final Set<String> wanted = new LinkedHashSet<>();
    private final Map<String, Set<String>> confirmed = new HashMap<>();
    private final Map<String, Request> pending = new HashMap<>();
    private final Map<String, Integer> tries = new HashMap<>();
    private final List<Request> retryLater = new ArrayList<>();
    /** Book resubscriptions asked since the last tick: sent together, one unsubscribe and one subscribe request. */
    private final Set<String> toResubscribe = new LinkedHashSet<>();
    private int nextId = 1;
    private long lastMessageAt = System.currentTimeMillis();
    private long pingSentAt;
    private long retryAt;
    private boolean open;
    /** Subscribe requests timed out since the last answer to any request. */
    private int unanswered;
    /** The socket was reported deaf: it is being replaced. */
    private boolean replacing;

    /** One request: op, its (channel, instId) args still unanswered, what to run when all are acked. */
    private static final class Request {
        final String op;
        final Set<String> args;
        final Runnable acked;
        final long sentAt;

        Request(String op, Set<String> args, Runnable acked, long sentAt) {
            this.op = op;
            this.args = args;
            this.acked = acked;
            this.sentAt = sentAt;
        }
    }

    OkxSession(OkxProtocol protocol, SessionIo io) {
        this.protocol = protocol;
        this.io = io;
    }

    @Override
    public void onOpen(Collection<String> symbols) {
        open = true;
        wanted.addAll(symbols);
        send("subscribe", args(symbols, protocol.channels()), null);
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
            send("subscribe", args(added, protocol.channels()), null);
        }
    }

    @Override
    public void unsubscribe(Collection<String> symbols, Runnable acked) {
        List<String> removed = new ArrayList<>();
        for (String s : symbols) {
            if (wanted.remove(s)) {
                removed.add(s);
                confirmed.remove(s);
            }
        }
        if (!open || removed.isEmpty()) {
            if (acked != null) {
                acked.run();
            }
            return;
        }
        send("unsubscribe", args(removed, protocol.channels()), acked);
    }

    @Override
    public void resubscribeBook(String symbol) {
        String channel = bookChannel();
        if (!open || !wanted.contains(symbol) || channel == null) {
            return;
        }
        toResubscribe.add(key(channel, symbol));
    }

    /**
     * Sends the book resubscriptions asked since the last tick as one unsubscribe and one subscribe request (OKX
     * limits requests per connection per hour, not arguments: a hundred books that gapped at once cost two).
     */
    private void resubscribeBooks() {
        Set<String> args = stillWanted(toResubscribe);
        toResubscribe.clear();
        if (open && !args.isEmpty()) {
            send("unsubscribe", new ArrayList<>(args), null);
            send("subscribe", new ArrayList<>(args), null);
        }
    }

    /** The incremental book channel this socket carries ({@code books} or a {@code *-l2-tbt} one), or null. */
    private String bookChannel() {
        for (String c : protocol.channels()) {
            if (c.equals("books") || c.endsWith("-l2-tbt")) {
                return c;
            }
        }
        return null;
    }

    private static List<String> args(Collection<String> symbols, List<String> channels) {
        List<String> out = new ArrayList<>(symbols.size() * channels.size());
        for (String s : symbols) {
            for (String c : channels) {
                out.add(key(c, s));
            }
        }
        return out;
    }

    private static String key(String channel, String instId) {
        return channel + '|' + instId;
    }

    private void send(String op, List<String> args, Runnable acked) {
        if (args.isEmpty()) {
            if (acked != null) {
                acked.run();
            }
            return;
        }
        for (int i = 0; i < args.size(); i += BATCH_ARGS) {
            List<String> batch = args.subList(i, Math.min(args.size(), i + BATCH_ARGS));
            boolean last = i + BATCH_ARGS >= args.size();
            request(op, new LinkedHashSet<>(batch), last ? acked : null);
        }
    }

    private void request(String op, Set<String> args, Runnable acked) {
        String id = Integer.toString(nextId++);
        pending.put(id, new Request(op, args, acked, System.currentTimeMillis()));
        StringBuilder b = new StringBuilder(48 + args.size() * 48);
        b.append("{\"id\":\"").append(id).append("\",\"op\":\"").append(op).append("\",\"args\":[");
        boolean first = true;
        for (String a : args) {
            int bar = a.indexOf('|');
            if (!first) {
                b.append(',');
            }
            first = false;
            b.append("{\"channel\":\"").append(a, 0, bar).append("\",\"instId\":\"").append(a.substring(bar + 1))
                    .append("\"}");
        }
        io.sendControl(b.append("]}").toString());
    }

    @Override
    public void onText(ByteBuf utf8) {
        lastMessageAt = System.currentTimeMillis();
        pingSentAt = 0;
        io.heartbeat();
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
    public void onTick(long now) {
        resubscribeBooks();
        if (open && pingSentAt == 0 && now - lastMessageAt >= protocol.pingAfterMillis()) {
            pingSentAt = now;
            io.sendHeartbeat("ping");
        }
        if (!retryLater.isEmpty() && now >= retryAt) {
            List<Request> again = new ArrayList<>(retryLater);
            retryLater.clear();
            Set<String> subscribedAgain = new HashSet<>();
            for (Request r : again) {
                if (r.op.equals("subscribe")) {
                    r.args.removeAll(subscribedAgain); // already in the subscribe that followed its unsubscribe
                }
                retryRefused(r);
                if (r.op.equals("unsubscribe")) {
                    Set<String> still = stillWanted(r.args);
                    if (!still.isEmpty()) {
                        request("subscribe", still, null);
                        subscribedAgain.addAll(still);
                    }
                }
            }
        }
        List<String> expired = new ArrayList<>();
        for (Map.Entry<String, Request> e : pending.entrySet()) {
            if (now - e.getValue().sentAt > REPLY_TIMEOUT_MILLIS) {
                expired.add(e.getKey());
            }
        }
        for (String id : expired) {
            Request r = pending.remove(id);
            if (r.op.equals("subscribe") && ++unanswered >= MAX_UNANSWERED) {
                if (!replacing) {
                    replacing = true;
                    io.shutdownNotice("no answer to " + unanswered + " subscribe requests in a row");
                }
            } else {
                resend(r);
            }
        }
    }

    private Set<String> stillWanted(Set<String> args) {
        Set<String> out = new LinkedHashSet<>();
        for (String a : args) {
            if (wanted.contains(a.substring(a.indexOf('|') + 1))) {
                out.add(a);
            }
        }
        return out;
    }

    /**
     * Sends a request the venue refused as too frequent again, as it was (an unsubscribe too: it was not done). The
     * venue answered, so this is no "try" towards giving up: it said to wait, and we waited.
     */
    private void retryRefused(Request r) {
        Set<String> again = new LinkedHashSet<>();
        for (String a : r.args) {
            if (r.op.equals("unsubscribe") || wanted.contains(a.substring(a.indexOf('|') + 1))) {
                again.add(a);
            }
        }
        if (!again.isEmpty()) {
            request(r.op, again, r.acked);
        } else if (r.acked != null) {
            r.acked.run();
        }
    }

    /** Sends a request again after it went unanswered (an unanswered unsubscribe counts as done). */
    private void resend(Request r) {
        if (r.op.equals("unsubscribe")) {
            if (r.acked != null) {
                r.acked.run();
            }
            return;
        }
        Set<String> again = new LinkedHashSet<>();
        for (String a : r.args) {
            String instId = a.substring(a.indexOf('|') + 1);
            if (!wanted.contains(instId)) {
                continue;
            }
            if (tries.merge(a, 1, Integer::sum) > MAX_TRIES) {
                reject(instId, "no ack for " + a.replace('|', ' ') + " after " + MAX_TRIES + " tries");
            } else {
                again.add(a);
            }
        }
        if (!again.isEmpty()) {
            request(r.op, again, r.acked);
        }
    }

    private void reject(String instId, String why) {
        if (wanted.remove(instId)) {
            confirmed.remove(instId);
            io.rejected(instId, why);
        }
    }

    // ---------------------------------------------------------------- OkxSink

    @Override
    public void onEvent(MarketEvent event) {
        io.deliver(new FeedItem.Event(io.sessionId(), event));
    }

    @Override
    public void onBook(OkxBookMessage book) {
        io.deliver(new FeedItem.Book(io.sessionId(), book.instId(), book));
    }

    @Override
    public void onControl(OkxControl c) {
        if (c.id() != null && c.kind() != OkxControl.Kind.NOTICE) {
            unanswered = 0; // the socket answers requests (a late answer to one sent again counts too)
        }
        switch (c.kind()) {
            case SUBSCRIBED, UNSUBSCRIBED -> ack(c);
            case ERROR -> error(c);
            case NOTICE -> io.shutdownNotice("notice " + c.code() + ": " + c.message());
            default -> {
            }
        }
    }

    private void ack(OkxControl c) {
        String arg = key(c.channel(), c.instId());
        Request r = c.id() == null ? null : pending.get(c.id());
        if (r != null) {
            r.args.remove(arg);
            if (r.args.isEmpty()) {
                done(c.id(), r);
            }
        }
        tries.remove(arg); // answered: unanswered tries count afresh
        if (c.kind() == OkxControl.Kind.SUBSCRIBED && wanted.contains(c.instId())) {
            Set<String> got = confirmed.computeIfAbsent(c.instId(), k -> new HashSet<>());
            got.add(c.channel());
            if (got.containsAll(protocol.channels())) {
                io.verified(List.of(c.instId()));
            }
        }
    }

    private void error(OkxControl c) {
        Request r = c.id() == null ? null : pending.get(c.id());
        if (OkxControl.TOO_FREQUENT.equals(c.code())) {
            io.rateLimited(TOO_FREQUENT_WAIT_MILLIS);
            if (r != null) {
                pending.remove(c.id());
                retryLater.add(r);
                retryAt = System.currentTimeMillis() + TOO_FREQUENT_WAIT_MILLIS;
            }
            return;
        }
        if (r == null) {
            return; // no request of ours: nothing to reject (an error naming a symbol we never asked for drops none)
        }
        String why = "error " + c.code() + ": " + c.message();
        Matcher m = c.message() == null ? null : INST_ID.matcher(c.message());
        String named = m != null && m.find() ? m.group(1) : null;
        if (named != null && r.args.removeIf(a -> a.endsWith("|" + named))) {
            if (r.op.equals("subscribe")) {
                reject(named, why);
            }
            if (r.args.isEmpty()) {
                done(c.id(), r);
            }
            return;
        }
        pending.remove(c.id());
        if (r.op.equals("unsubscribe")) {
            if (r.acked != null) {
                r.acked.run(); // refused, so not subscribed to: as good as done
            }
        } else if (r.args.size() > 1) {
            // one bad argument fails the whole request: split to find it
            List<String> args = new ArrayList<>(r.args);
            int half = args.size() / 2;
            request(r.op, new LinkedHashSet<>(args.subList(0, half)), null);
            request(r.op, new LinkedHashSet<>(args.subList(half, args.size())), r.acked);
        } else {
            for (String a : r.args) {
                reject(a.substring(a.indexOf('|') + 1), why);
            }
            if (r.acked != null) {
                r.acked.run();
            }
        }
    }

    private void done(String id, Request r) {
        pending.remove(id);
        if (r.acked != null) {
            r.acked.run();
        }
    }
}
