package io.tickgate.feed.pipeline;

/**
 * Socket ids of a venue. A venue with several endpoints (OKX {@code /public} and {@code /business}) has sockets that
 * deliver different channels of the same symbol at the same time; the {@link VenueProcessor} routes each endpoint's
 * data on its own (one owner socket per symbol and endpoint), so a socket id carries the index of its endpoint in
 * its upper bits. Ids below 2<sup>48</sup> belong to endpoint 0.
 */
public final class SessionIds {

    /** Endpoints a venue may have. */
    public static final int MAX_ENDPOINTS = 256;

    private static final int SHIFT = 48;
    private static final long SEQUENCE_MASK = (1L << SHIFT) - 1;

    private SessionIds() {
    }

    /**
     * The id of a venue's {@code sequence}-th socket on endpoint {@code endpoint}.
     *
     * @param endpoint 0 … {@link #MAX_ENDPOINTS} - 1
     * @param sequence 1 … 2<sup>48</sup> - 1, unique per venue
     */
    public static long of(int endpoint, long sequence) {
        if (endpoint < 0 || endpoint >= MAX_ENDPOINTS) {
            throw new IllegalArgumentException("endpoint index out of range: " + endpoint);
        }
        if (sequence < 1 || sequence > SEQUENCE_MASK) {
            throw new IllegalArgumentException("socket sequence out of range: " + sequence);
        }
        return ((long) endpoint << SHIFT) | sequence;
    }

    /** The endpoint index of a socket id. */
    public static int endpoint(long session) {
        return (int) ((session >>> SHIFT) & (MAX_ENDPOINTS - 1));
    }
}
