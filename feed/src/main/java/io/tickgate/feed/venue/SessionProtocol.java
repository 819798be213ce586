package io.tickgate.feed.venue;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/**
 * The venue-specific half of one socket: subscribing, verifying subscriptions, heartbeats and decoding. One instance
 * per socket, called on its event loop only.
 */
public interface SessionProtocol {

    /** The handshake is done: subscribe {@code symbols} (those not already in the URL) and verify them. */
    void onOpen(Collection<String> symbols);

    /** A text frame arrived, as UTF-8 bytes readable only during the call. */
    void onText(ByteBuf utf8);

    /** A server ping arrived. */
    void onPing(byte[] payload);

    /** A pong arrived. */
    void onPong();

    /** Called about every 250 ms: heartbeats and verification timeouts. */
    void onTick(long nowMillis);

    /** Adds symbols to this socket. */
    void subscribe(Collection<String> symbols);

    /** Removes symbols; {@code acked} runs once the venue confirmed (after it, no more data for them arrives). */
    void unsubscribe(Collection<String> symbols, Runnable acked);

    /** OKX: re-subscribes one symbol's order book to get a fresh snapshot after a gap. Binance: no-op. */
    void resubscribeBook(String symbol);

    /**
     * Subscribes symbols again, for streams the venue stopped serving while the socket lives: by default
     * {@link #unsubscribe} them and, once the venue confirmed it, {@link #subscribe} those {@code stillWanted} still
     * accepts (the socket may have given some up in between).
     */
    default void resubscribe(Collection<String> symbols, Predicate<String> stillWanted) {
        List<String> list = List.copyOf(symbols);
        unsubscribe(list, () -> {
            List<String> again = new ArrayList<>();
            for (String s : list) {
                if (stillWanted.test(s)) {
                    again.add(s);
                }
            }
            if (!again.isEmpty()) {
                subscribe(again);
            }
        });
    }
}
