package io.tickgate.bus.codec;

import com.fasterxml.jackson.core.JsonParser;
import io.tickgate.model.event.GapReason;
import io.tickgate.model.event.TradeGap;
import io.tickgate.model.topic.Topic;
import java.io.IOException;

/**
 * The {@code "G"} entry of {@link EventCodec}: a {@link TradeGap} as {@code "G", fromId, toId, fromTime, toTime,
 * reason} (the codec writes the leading version and ingest time and the trailing timestamp). Kept apart from the
 * codec's switch so that new event types touch it by one line each.
 */
final class TradeGapCodec {

    private TradeGapCodec() {
    }

    static void encode(StringBuilder b, TradeGap g) {
        b.append("\"G\",");
        EventCodec.string(b, g.fromId());
        b.append(',');
        EventCodec.string(b, g.toId());
        b.append(',').append(g.fromTime()).append(',').append(g.toTime()).append(',');
        EventCodec.string(b, g.reason().wireName());
    }

    static TradeGap decode(Topic topic, JsonParser p) throws IOException {
        String from = EventCodec.string(p);
        String to = EventCodec.string(p);
        long fromTime = EventCodec.longValue(p);
        long toTime = EventCodec.longValue(p);
        GapReason reason = GapReason.fromWire(EventCodec.string(p));
        long ts = EventCodec.longValue(p);
        return new TradeGap(topic.source(), topic.symbol(), topic.channel(), from, to, fromTime, toTime, reason, ts);
    }
}
