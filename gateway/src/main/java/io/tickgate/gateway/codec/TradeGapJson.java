package io.tickgate.gateway.codec;

import io.tickgate.bus.api.Envelope;
import io.tickgate.model.event.TradeGap;

/**
 * The fields of a {@code gap} message: {@code {"type":"gap","topic":..,"epoch":..,"seq":..,"ts":..,"from":..,"to":..,
 * "fromTime":..,"toTime":..,"reason":..}}. It takes a seq of the topic like any data message (a client's seq check
 * stays continuous); {@code from}/{@code to} are the first and last missing venue trade ids (strings, as trade ids
 * are), {@code fromTime}/{@code toTime} the times between which the missing trades happened (omitted when unknown).
 */
final class TradeGapJson {

    private TradeGapJson() {
    }

    static DataWriter fields(Envelope e, TradeGap gap) {
        return g -> {
            g.writeStringField("type", "gap");
            g.writeStringField("topic", e.topic().toString());
            g.writeStringField("epoch", e.epoch());
            g.writeNumberField("seq", e.seq());
            g.writeNumberField("ts", e.ingestTime());
            g.writeStringField("from", gap.fromId());
            g.writeStringField("to", gap.toId());
            if (gap.fromTime() > 0) {
                g.writeNumberField("fromTime", gap.fromTime());
            }
            if (gap.toTime() > 0) {
                g.writeNumberField("toTime", gap.toTime());
            }
            g.writeStringField("reason", gap.reason().wireName());
        };
    }
}
