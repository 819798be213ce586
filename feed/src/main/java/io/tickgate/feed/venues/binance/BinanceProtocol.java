package io.tickgate.feed.venues.binance;

import io.tickgate.feed.venue.SessionIo;

import io.tickgate.feed.venue.SessionProtocol;

import io.tickgate.feed.venue.VenueProtocol;

import io.tickgate.model.venue.Venue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Binance spot: one combined-stream socket ({@code /stream?streams=a/b/c}) per connection, as many streams in the URL
 * as fit (subscriptions are restored by the URL itself), the rest by {@code SUBSCRIBE}; verified with
 * {@code LIST_SUBSCRIPTIONS}. After an HTTP 400 on the upgrade (a stream the venue does not know) every stream goes by
 * {@code SUBSCRIBE}, which finds the rejected one; once it is found, later sockets use the URL again. The server
 * pings every 20 s and wants the payload echoed within 60 s.
 */
public final class BinanceProtocol implements VenueProtocol {

    private final String base;
    private final List<String> channels;
    private final long heartbeatTimeoutMillis;
    private final long silenceMillis;
    private volatile boolean urlSubscriptions = true;

    /**
     * @param url                    {@code wss://stream.binance.com:9443} (a trailing {@code /stream} or
     *                               {@code /ws} is ignored)
     * @param channels               stream suffixes per symbol, e.g. {@code trade}, {@code depth@100ms}
     * @param heartbeatTimeoutMillis no server ping for this long means dead (Binance pings every 20 s: 60 s)
     * @param silenceMillis          no message at all for this long means dead
     */
    public BinanceProtocol(String url, List<String> channels, long heartbeatTimeoutMillis, long silenceMillis) {
        String b = url.trim();
        for (String suffix : new String[] {"/", "/stream", "/ws"}) {
            if (b.endsWith(suffix)) {
                b = b.substring(0, b.length() - suffix.length());
            }
        }
        URI check = URI.create(b);
        if (check.getScheme() == null || !check.getScheme().toLowerCase(Locale.ROOT).startsWith("ws")
                || check.getHost() == null) {
            throw new IllegalArgumentException("Binance URL must be ws:// or wss://host[:port]: " + url);
        }
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("Binance needs at least one channel");
        }
        this.base = b;
        this.channels = List.copyOf(channels);
        this.heartbeatTimeoutMillis = heartbeatTimeoutMillis;
        this.silenceMillis = silenceMillis;
    }

    @Override
    public Venue venue() {
        return Venue.BINANCE;
    }

    /** The stream names of a symbol ({@code BTCUSDT} → {@code btcusdt@trade}, ...). */
    public List<String> streams(String symbol) {
        String lower = symbol.toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>(channels.size());
        for (String c : channels) {
            out.add(lower + "@" + c);
        }
        return out;
    }

    /** Streams per symbol. */
    public int streamsPerSymbol() {
        return channels.size();
    }

    @Override
    public Target target(List<String> symbols) {
        StringBuilder url = new StringBuilder(base).append("/stream");
        List<String> inUrl = new ArrayList<>();
        if (urlSubscriptions) {
            int room = MAX_URL_BYTES - url.length() - "?streams=".length();
            StringBuilder streams = new StringBuilder();
            for (String s : symbols) {
                String part = String.join("/", streams(s));
                int extra = part.getBytes(StandardCharsets.UTF_8).length + (streams.length() > 0 ? 1 : 0);
                if (streams.length() + extra > room) {
                    break;
                }
                if (streams.length() > 0) {
                    streams.append('/');
                }
                streams.append(part);
                inUrl.add(s);
            }
            if (!inUrl.isEmpty()) {
                url.append("?streams=").append(streams);
            }
        }
        return new Target(URI.create(url.toString()), inUrl);
    }

    @Override
    public SessionProtocol open(SessionIo io, List<String> urlSymbols) {
        return new BinanceSession(this, io, urlSymbols);
    }

    @Override
    public long heartbeatTimeoutMillis() {
        return heartbeatTimeoutMillis;
    }

    @Override
    public long silenceMillis() {
        return silenceMillis;
    }

    @Override
    public void disableUrlSubscriptions() {
        urlSubscriptions = false;
    }

    @Override
    public void enableUrlSubscriptions() {
        urlSubscriptions = true;
    }
}
