package io.tickgate.feed.venues.okx;

import io.tickgate.model.event.PriceLevel;
import io.tickgate.processing.book.SyncStatus;
import java.util.List;
import java.util.OptionalInt;

/**
 * One message of an OKX incremental order book channel ({@code books}, {@code books-l2-tbt},
 * {@code books50-l2-tbt}). Levels keep the venue's strings exactly (the checksum is computed over them); a size of
 * zero deletes a level.
 *
 * <p>Two kinds: <b>sequenced</b> (current OKX: {@code seqId}/{@code prevSeqId}, maybe a checksum) and
 * <b>checksum-only</b> (recorded before OKX added the sequence fields: the CRC32 checksum is the only integrity
 * check). What is absent is said by {@link #sequenced()} and {@link #hasChecksum()}, never by a value.
 *
 * @param instId      instrument, OKX spelling ({@code BTC-USDT})
 * @param snapshot    true for {@code action:"snapshot"}, false for {@code "update"}
 * @param sequenced   the message has {@code seqId} (and so {@code prevSeqId}); false: checksum-only
 * @param seqId       sequence id of this message (0 when not {@link #sequenced()})
 * @param prevSeqId   sequence id of the previous message ({@code -1} on a snapshot; 0 when not sequenced)
 * @param hasChecksum the message carries a checksum to verify: always on a checksum-only message (any value, 0
 *                    included); on a sequenced one when the field is present and not 0 (OKX deprecated the checksum
 *                    and sends 0 in its place, the {@code seqId} chain being the check)
 * @param checksum    the CRC32 checksum as a signed 32-bit int (meaningful only when {@link #hasChecksum()})
 * @param timestamp   {@code ts}, epoch ms
 */
public record OkxBookMessage(String instId, boolean snapshot, List<PriceLevel> bids, List<PriceLevel> asks,
                             boolean sequenced, long seqId, long prevSeqId, boolean hasChecksum, int checksum,
                             long timestamp) {

    public OkxBookMessage {
        bids = List.copyOf(bids);
        asks = List.copyOf(asks);
        if (!sequenced && !hasChecksum) {
            throw new IllegalArgumentException("an OKX books message needs seqId or a checksum");
        }
    }

    /** A message with {@code seqId}/{@code prevSeqId}; {@code checksum} empty when it carries none to verify. */
    public static OkxBookMessage sequenced(String instId, boolean snapshot, List<PriceLevel> bids,
                                           List<PriceLevel> asks, long seqId, long prevSeqId, OptionalInt checksum,
                                           long timestamp) {
        return new OkxBookMessage(instId, snapshot, bids, asks, true, seqId, prevSeqId, checksum.isPresent(),
                checksum.orElse(0), timestamp);
    }

    /** A message recorded before OKX added {@code seqId}/{@code prevSeqId}: only the checksum. */
    public static OkxBookMessage checksumOnly(String instId, boolean snapshot, List<PriceLevel> bids,
                                              List<PriceLevel> asks, int checksum, long timestamp) {
        return new OkxBookMessage(instId, snapshot, bids, asks, false, 0, 0, true, checksum, timestamp);
    }

    /** Hands this message to the book sync, by its kind. */
    public SyncStatus applyTo(OkxBookSync sync) {
        if (sequenced) {
            return sync.onBook(instId, snapshot, bids, asks, seqId, prevSeqId,
                    hasChecksum ? OptionalInt.of(checksum) : OptionalInt.empty(), timestamp);
        }
        return sync.onChecksumOnlyBook(instId, snapshot, bids, asks, checksum, timestamp);
    }
}
