package io.tickgate.feed.venues.okx;

import io.tickgate.model.event.PriceLevel;
import java.util.List;

/**
 * One message of an OKX incremental order book channel ({@code books}, {@code books-l2-tbt},
 * {@code books50-l2-tbt}). Levels keep the venue's strings exactly (the checksum is computed over them); a size of
 * zero deletes a level.
 *
 * @param instId    instrument, OKX spelling ({@code BTC-USDT})
 * @param snapshot  true for {@code action:"snapshot"}, false for {@code "update"}
 * @param seqId     sequence id of this message
 * @param prevSeqId sequence id of the previous message ({@code -1} on a snapshot)
 * @param checksum  the legacy CRC32 checksum, 0 when absent (current OKX sends 0)
 * @param timestamp {@code ts}, epoch ms
 */
public record OkxBookMessage(String instId, boolean snapshot, List<PriceLevel> bids, List<PriceLevel> asks,
                             long seqId, long prevSeqId, int checksum, long timestamp) {

    public OkxBookMessage {
        bids = List.copyOf(bids);
        asks = List.copyOf(asks);
    }
}
