package io.tickgate.feed.venues.okx;

import io.tickgate.model.book.OrderBook;
import io.tickgate.model.event.PriceLevel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;

/**
 * OKX's legacy order-book checksum: the top 25 levels interleaved {@code bid1px:bid1sz:ask1px:ask1sz:...} (a side
 * that runs out is simply skipped), prices and sizes as the exact strings received, CRC32 (IEEE) as a signed 32-bit
 * int. {@code "3366.1:7:3366.8:9:3366:6:3368:8"} → {@code -1881014294}.
 */
public final class OkxChecksum {

    /** Levels per side that enter the checksum. */
    public static final int DEPTH = 25;

    private OkxChecksum() {
    }

    /** The checksum of a book's top 25 levels per side. */
    public static int of(OrderBook book) {
        return of(book.bids(DEPTH), book.asks(DEPTH));
    }

    /** The checksum of two sides given best first (only the first 25 of each count). */
    public static int of(List<PriceLevel> bids, List<PriceLevel> asks) {
        return crc(checkString(bids, asks));
    }

    /** The string that is checksummed. */
    public static String checkString(List<PriceLevel> bids, List<PriceLevel> asks) {
        StringBuilder sb = new StringBuilder(DEPTH * 40);
        for (int i = 0; i < DEPTH; i++) {
            if (i < bids.size()) {
                append(sb, bids.get(i));
            }
            if (i < asks.size()) {
                append(sb, asks.get(i));
            }
        }
        return sb.toString();
    }

    /** CRC32 (IEEE) of the UTF-8 bytes, as a signed 32-bit int. */
    public static int crc(String s) {
        CRC32 crc = new CRC32();
        crc.update(s.getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    private static void append(StringBuilder sb, PriceLevel l) {
        if (sb.length() > 0) {
            sb.append(':');
        }
        sb.append(l.price()).append(':').append(l.size());
    }
}
