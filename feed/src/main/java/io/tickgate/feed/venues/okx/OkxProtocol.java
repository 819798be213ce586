package io.tickgate.feed.venues.okx;

import io.tickgate.feed.venue.SessionIo;

import io.tickgate.feed.venue.SessionProtocol;

import io.tickgate.feed.venue.VenueProtocol;

import io.tickgate.model.venue.Venue;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * OKX v5 public: subscriptions by {@code op: subscribe} message (restored after every reconnect) and verified by
 * their per-argument acks; the client sends {@code ping} when the socket has been quiet and expects {@code pong}; the
 * server closes a socket that received nothing for 30 s.
 */
public final class OkxProtocol implements VenueProtocol {

    private final URI uri;
    private final List<String> channels;
    private final long pingAfterMillis;
    private final long silenceMillis;

    /**
     * @param url             {@code wss://ws.okx.com:8443/ws/v5/public}
     * @param channels        channels per instrument, e.g. {@code trades}, {@code books}, {@code tickers}
     * @param pingAfterMillis send {@code ping} after this long without a message (below the venue's 30 s)
     * @param silenceMillis   no message (not even {@code pong}) for this long means dead
     */
    public OkxProtocol(String url, List<String> channels, long pingAfterMillis, long silenceMillis) {
        this.uri = URI.create(url.trim());
        if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).startsWith("ws")
                || uri.getHost() == null) {
            throw new IllegalArgumentException("OKX URL must be ws:// or wss://host[:port]/ws/v5/public (or "
                    + "/business): " + url);
        }
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("OKX needs at least one channel");
        }
        this.channels = List.copyOf(channels);
        this.pingAfterMillis = pingAfterMillis;
        this.silenceMillis = silenceMillis;
    }

    @Override
    public Venue venue() {
        return Venue.OKX;
    }

    List<String> channels() {
        return channels;
    }

    long pingAfterMillis() {
        return pingAfterMillis;
    }

    @Override
    public Target target(List<String> symbols) {
        return new Target(uri, List.of());
    }

    @Override
    public SessionProtocol open(SessionIo io, List<String> urlSymbols) {
        return new OkxSession(this, io);
    }

    /** The heartbeat is the {@code pong} to our {@code ping} or any data: the same threshold as silence. */
    @Override
    public long heartbeatTimeoutMillis() {
        return silenceMillis;
    }

    @Override
    public long silenceMillis() {
        return silenceMillis;
    }

    @Override
    public void disableUrlSubscriptions() {
        // subscriptions are never in the URL
    }

    @Override
    public void enableUrlSubscriptions() {
        // OKX subscribes by message only
    }
}
