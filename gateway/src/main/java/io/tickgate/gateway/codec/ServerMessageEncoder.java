package io.tickgate.gateway.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import io.tickgate.bus.api.Envelope;
import io.tickgate.gateway.protocol.ErrorCode;
import io.tickgate.gateway.protocol.RequestId;
import io.tickgate.model.event.TradeGap;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Serializes server → client messages into {@link ByteBuf}s holding the UTF-8 JSON of one text frame, with the
 * frame's WebSocket header already written in front of it ({@link TextFrameHeader}). A message is serialized once;
 * callers share the buffer between subscribers, each with a duplicate holding one reference (the hub's fan-out takes
 * them with one {@link ByteBuf#retain(int)}).
 * Thread-safe.
 */
public final class ServerMessageEncoder {

    private final JsonFactory json = new JsonFactory();
    private final ByteBufAllocator alloc;

    public ServerMessageEncoder(ByteBufAllocator alloc) {
        this.alloc = alloc;
    }

    /** {@code {"type":"welcome","connectionId":..,"serverTime":..,"heartbeatMs":..}}. */
    public ByteBuf welcome(String connectionId, long serverTime, long heartbeatMs) {
        return welcome(connectionId, serverTime, heartbeatMs, null, 0, 0, 0);
    }

    /**
     * {@code welcome}; for an authenticated connection also {@code "user":<sub>,"expiresAt":<exp, epoch ms>}; with a
     * positive {@code ratePerSecond} the connection's inbound limit, {@code "rateLimit":{"perSecond":..,"burst":..}},
     * so a client resubscribing many topics can pace itself.
     */
    public ByteBuf welcome(String connectionId, long serverTime, long heartbeatMs, String user, long expiresAt,
                           int ratePerSecond, int burst) {
        return encode(g -> {
            g.writeStringField("type", "welcome");
            g.writeStringField("connectionId", connectionId);
            g.writeNumberField("serverTime", serverTime);
            g.writeNumberField("heartbeatMs", heartbeatMs);
            if (user != null) {
                g.writeStringField("user", user);
                g.writeNumberField("expiresAt", expiresAt);
            }
            if (ratePerSecond > 0) {
                g.writeObjectFieldStart("rateLimit");
                g.writeNumberField("perSecond", ratePerSecond);
                g.writeNumberField("burst", burst);
                g.writeEndObject();
            }
        });
    }

    /** {@code {"type":"refreshed","id":..,"expiresAt":<exp of the new token, epoch ms>}}. */
    public ByteBuf refreshed(RequestId id, long expiresAt) {
        return encode(g -> {
            g.writeStringField("type", "refreshed");
            id(g, id);
            g.writeNumberField("expiresAt", expiresAt);
        });
    }

    /** {@code {"type":"subscribed","id":..,"topic":..,"epoch":..,"seq":..,"resumed":..}}. */
    public ByteBuf subscribed(RequestId id, String topic, String epoch, long seq, boolean resumed) {
        return encode(g -> {
            g.writeStringField("type", "subscribed");
            id(g, id);
            g.writeStringField("topic", topic);
            if (epoch != null) {
                g.writeStringField("epoch", epoch);
            }
            g.writeNumberField("seq", seq);
            g.writeBooleanField("resumed", resumed);
        });
    }

    /**
     * {@code {"type":"published","id":..,"topic":..}}: a client's publish was accepted (it is sequenced by the
     * broker and reaches the topic's subscribers, the publisher too if subscribed, as {@code data}).
     */
    public ByteBuf published(RequestId id, String topic) {
        return encode(g -> {
            g.writeStringField("type", "published");
            id(g, id);
            g.writeStringField("topic", topic);
        });
    }

    /** {@code {"type":"unsubscribed","id":..,"topic":..}}. */
    public ByteBuf unsubscribed(RequestId id, String topic) {
        return encode(g -> {
            g.writeStringField("type", "unsubscribed");
            id(g, id);
            g.writeStringField("topic", topic);
        });
    }

    /** {@code {"type":"heartbeat","serverTime":..}} (with the request id when given). */
    public ByteBuf heartbeat(RequestId id, long serverTime) {
        return encode(g -> {
            g.writeStringField("type", "heartbeat");
            id(g, id);
            g.writeNumberField("serverTime", serverTime);
        });
    }

    /** {@code {"type":"error","id":..,"code":..,"message":..}}. */
    public ByteBuf error(RequestId id, ErrorCode code, String message) {
        return encode(g -> {
            g.writeStringField("type", "error");
            id(g, id);
            g.writeStringField("code", code.name());
            g.writeStringField("message", message);
        });
    }

    /**
     * {@code {"type":"data","topic":..,"epoch":..,"seq":..,"ts":..,"data":{..}}} for one envelope; a
     * {@link TradeGap} goes out as {@code {"type":"gap",..}} instead ({@link TradeGapJson}), at its seq.
     */
    public ByteBuf data(Envelope e) {
        if (e.event() instanceof TradeGap g) {
            return encode(TradeGapJson.fields(e, g));
        }
        DataWriter data = EventJsonWriter.of(e.event());
        return encode(g -> {
            g.writeStringField("type", "data");
            g.writeStringField("topic", e.topic().toString());
            g.writeStringField("epoch", e.epoch());
            g.writeNumberField("seq", e.seq());
            g.writeNumberField("ts", e.ingestTime());
            g.writeFieldName("data");
            data.write(g);
        });
    }

    /**
     * {@code {"type":"snapshot","topic":..,"epoch":..,"seq":..,"data":{..}}}; {@code ts} (ingest time) is written
     * when positive, i.e. for a snapshot that arrived on the live stream.
     */
    public ByteBuf snapshot(String topic, String epoch, long seq, long ts, DataWriter data) {
        return encode(g -> {
            g.writeStringField("type", "snapshot");
            g.writeStringField("topic", topic);
            if (epoch != null) {
                g.writeStringField("epoch", epoch);
            }
            g.writeNumberField("seq", seq);
            if (ts > 0) {
                g.writeNumberField("ts", ts);
            }
            g.writeFieldName("data");
            data.write(g);
        });
    }

    private static void id(JsonGenerator g, RequestId id) throws IOException {
        if (id == null) {
            return;
        }
        if (id.numeric()) {
            g.writeFieldName("id");
            g.writeNumber(id.text());
        } else {
            g.writeStringField("id", id.text());
        }
    }

    /** Writes {@code { fields }} into a new buffer, with its text frame header in front (see {@link TextFrameHeader}). */
    private ByteBuf encode(DataWriter fields) {
        ByteBuf buf = alloc.buffer(256);
        buf.writerIndex(TextFrameHeader.MAX_LENGTH).readerIndex(TextFrameHeader.MAX_LENGTH);
        OutputStream out = new ByteBufOutputStream(buf);
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        } catch (IOException | RuntimeException e) {
            buf.release();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        TextFrameHeader.writeBefore(buf);
        return buf;
    }
}
