package io.tickgate.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A {@code gap} message: trades the venue sent that tickgate could not recover (its REST history no longer reached
 * back, the venue's REST failed, a backfill bound was hit). Unlike {@link Gap}, nothing was lost between the server
 * and this client: the notice takes its seq in the topic like any message, exactly where the missing trades belong.
 *
 * @param fromId   the first missing venue trade id
 * @param toId     the last missing venue trade id
 * @param fromTime epoch ms of the last trade before the hole, 0 when unknown
 * @param toTime   epoch ms of the first trade after it, 0 when unknown
 * @param reason   {@code history}, {@code rest_failed}, {@code no_history} or {@code limit} (docs/protocol.md)
 */
public record UpstreamGap(String topic, String epoch, long seq, String fromId, String toId, long fromTime,
                          long toTime, String reason) {

    /** The notice in a {@code gap} message. */
    static UpstreamGap of(JsonNode m) {
        return new UpstreamGap(m.path("topic").asText(), m.path("epoch").asText(), m.path("seq").asLong(),
                m.path("from").asText(), m.path("to").asText(), m.path("fromTime").asLong(0),
                m.path("toTime").asLong(0), m.path("reason").asText());
    }
}
