package io.tickgate.simulator.venue.okx;

import io.tickgate.model.event.PriceLevel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;

/**
 * OKX's legacy order-book checksum: the top 25 levels interleaved {@code bid1px:bid1sz:ask1px:ask1sz:...} (a side
 * that runs out is skipped), using the price and size strings exactly as sent, CRC32 (IEEE) as a signed 32-bit int.
 *
 * <p>Deliberately independent of the feed's {@code io.tickgate.feed.venues.okx.OkxChecksum}: the simulator plays the
 * venue, so a bug in the client's checksum must not be mirrored by the server's.
 */
public final class OkxChecksum {

    /** Levels per side that enter the checksum. */
    public static final int LEVELS = 25;

    private OkxChecksum() {
    }

    /** The checksum of a book given best-first sides. */
    public static int of(List<PriceLevel> bids, List<PriceLevel> asks) {
        StringBuilder b = new StringBuilder(LEVELS * 40);
        for (int i = 0; i < LEVELS; i++) {
            if (i < bids.size()) {
                append(b, bids.get(i));
            }
            if (i < asks.size()) {
                append(b, asks.get(i));
            }
        }
        return of(b.toString());
    }

    /** The checksum of an already interleaved string. */
    public static int of(String interleaved) {
        CRC32 crc = new CRC32();
        crc.update(interleaved.getBytes(StandardCharsets.US_ASCII));
        return (int) crc.getValue();
    }

    private static void append(StringBuilder b, PriceLevel l) {
        if (b.length() > 0) {
            b.append(':');
        }
        b.append(l.price()).append(':').append(l.size());
    }
}
