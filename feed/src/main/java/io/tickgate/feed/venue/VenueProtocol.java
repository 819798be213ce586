package io.tickgate.feed.venue;

import io.tickgate.model.venue.Venue;

import java.net.URI;
import java.util.List;

/** A venue's connection rules: the URL to open, its thresholds, and a {@link SessionProtocol} per socket. */
public interface VenueProtocol {

    /** The longest URL (path and query) a socket may open with: what the HTTP upgrade request line carries. */
    int MAX_URL_BYTES = 3800;

    /** The venue. */
    Venue venue();

    /**
     * Where to connect for a socket that should carry {@code symbols}: the URI and which symbols it already
     * subscribes (Binance combined-stream URL; OKX: none).
     */
    Target target(List<String> symbols);

    /** A new socket's protocol. */
    SessionProtocol open(SessionIo io, List<String> urlSymbols);

    /** A heartbeat older than this means dead. */
    long heartbeatTimeoutMillis();

    /** No message at all for this long means dead. */
    long silenceMillis();

    /** After an HTTP 400 on the upgrade, subscribe by message only (the URL's streams may be what is rejected). */
    void disableUrlSubscriptions();

    /**
     * A rejected symbol was found (and dropped from its connection), so the URL that failed with 400 would now be
     * valid: put subscriptions back in the URL for later sockets.
     */
    void enableUrlSubscriptions();

    /**
     * Where to connect.
     *
     * @param uri        the WebSocket URI
     * @param urlSymbols symbols the URI itself subscribes
     */
    record Target(URI uri, List<String> urlSymbols) {
        public Target {
            urlSymbols = List.copyOf(urlSymbols);
        }
    }
}
