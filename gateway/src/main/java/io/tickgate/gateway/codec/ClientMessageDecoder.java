package io.tickgate.gateway.codec;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.tickgate.gateway.protocol.ClientMessage;
import io.tickgate.gateway.protocol.ClientMessage.Invalid;
import io.tickgate.gateway.protocol.ErrorCode;
import io.tickgate.gateway.protocol.RequestId;
import io.tickgate.gateway.protocol.ResumePosition;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes each inbound data frame (whole message: fragments are aggregated before this handler) into one
 * {@link ClientMessage}. Never throws for client input: what cannot be understood becomes a
 * {@link ClientMessage.Invalid} carrying the error code and a message for the client. Stateless and sharable.
 */
@ChannelHandler.Sharable
public final class ClientMessageDecoder extends MessageToMessageDecoder<WebSocketFrame> {

    private final ObjectMapper mapper = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @Override
    protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
        out.add(decode(frame));
    }

    /** Decodes one frame; does not release it. */
    public ClientMessage decode(WebSocketFrame frame) {
        if (!(frame instanceof TextWebSocketFrame)) {
            return new Invalid(null, ErrorCode.INVALID_JSON,
                    "binary frames are not supported: send one JSON object per text frame");
        }
        JsonNode root;
        try (InputStream in = new ByteBufInputStream(frame.content().duplicate())) {
            root = mapper.readTree(in);
        } catch (JacksonException e) {
            return new Invalid(null, ErrorCode.INVALID_JSON, "frame is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return new Invalid(null, ErrorCode.INVALID_JSON, "frame could not be read");
        }
        return decode(root);
    }

    /** Decodes a parsed JSON value. */
    ClientMessage decode(JsonNode root) {
        if (root == null || !root.isObject()) {
            return new Invalid(null, ErrorCode.INVALID_JSON, "a message must be a JSON object");
        }
        JsonNode idNode = root.get("id");
        RequestId id = null;
        if (idNode != null && !idNode.isNull()) {
            if (idNode.isTextual()) {
                id = RequestId.ofString(idNode.textValue());
            } else if (idNode.isIntegralNumber() && idNode.canConvertToLong()) {
                id = RequestId.ofNumber(idNode.longValue());
            } else {
                return new Invalid(null, ErrorCode.INVALID_JSON, "field \"id\" must be a string or an integer");
            }
        }
        JsonNode typeNode = root.get("type");
        if (typeNode == null || !typeNode.isTextual()) {
            return new Invalid(id, ErrorCode.UNKNOWN_MESSAGE_TYPE, "field \"type\" (a string) is required");
        }
        String type = typeNode.textValue();
        switch (type) {
            case "subscribe":
                return subscribe(id, root);
            case "unsubscribe":
                return unsubscribe(id, root);
            case "heartbeat":
                return new ClientMessage.Heartbeat(id);
            case "publish":
                return publish(id, root);
            case "auth":
            case "refresh":
                return token(id, type, root);
            default:
                return new Invalid(id, ErrorCode.UNKNOWN_MESSAGE_TYPE, "unknown message type \"" + abbreviate(type)
                        + "\"; expected subscribe, unsubscribe, heartbeat, publish, auth or refresh");
        }
    }

    private static ClientMessage subscribe(RequestId id, JsonNode root) {
        Topics topics = topics(id, root, "subscribe");
        if (topics.error() != null) {
            return topics.error();
        }
        JsonNode resumeNode = root.get("resume");
        ResumePosition resume = null;
        if (resumeNode != null && !resumeNode.isNull()) {
            JsonNode epoch = resumeNode.get("epoch");
            JsonNode seq = resumeNode.get("seq");
            if (!resumeNode.isObject() || epoch == null || !epoch.isTextual() || seq == null
                    || !seq.isIntegralNumber() || !seq.canConvertToLong()) {
                return new Invalid(id, ErrorCode.INVALID_JSON,
                        "field \"resume\" must be {\"epoch\":\"<string>\",\"seq\":<integer>}");
            }
            resume = new ResumePosition(epoch.textValue(), seq.longValue());
        }
        return new ClientMessage.Subscribe(id, topics.list(), resume);
    }

    private static ClientMessage unsubscribe(RequestId id, JsonNode root) {
        Topics topics = topics(id, root, "unsubscribe");
        return topics.error() != null ? topics.error() : new ClientMessage.Unsubscribe(id, topics.list());
    }

    private static ClientMessage publish(RequestId id, JsonNode root) {
        JsonNode topic = root.get("topic");
        if (topic == null || !topic.isTextual()) {
            return new Invalid(id, ErrorCode.INVALID_TOPIC, "publish needs \"topic\" (a string)");
        }
        JsonNode data = root.get("data");
        return new ClientMessage.Publish(id, topic.textValue(), data == null ? null : data.toString());
    }

    private static ClientMessage token(RequestId id, String type, JsonNode root) {
        JsonNode token = root.get("token");
        if (token == null || !token.isTextual() || token.textValue().isEmpty()) {
            return new Invalid(id, ErrorCode.INVALID_JSON, type + " needs \"token\" (a non-empty string)");
        }
        return type.equals("auth") ? new ClientMessage.Auth(id, token.textValue())
                : new ClientMessage.Refresh(id, token.textValue());
    }

    /** The topic list of a request, or the error explaining why there is none. */
    private record Topics(List<String> list, Invalid error) {
        static Topics error(RequestId id, String message) {
            return new Topics(null, new Invalid(id, ErrorCode.INVALID_TOPIC, message));
        }
    }

    private static Topics topics(RequestId id, JsonNode root, String type) {
        JsonNode one = root.get("topic");
        JsonNode many = root.get("topics");
        List<String> topics = new ArrayList<>();
        if (one != null && !one.isNull()) {
            if (!one.isTextual()) {
                return Topics.error(id, "field \"topic\" must be a string");
            }
            topics.add(one.textValue());
        }
        if (many != null && !many.isNull()) {
            if (!many.isArray()) {
                return Topics.error(id, "field \"topics\" must be an array of strings");
            }
            for (JsonNode t : many) {
                if (!t.isTextual()) {
                    return Topics.error(id, "field \"topics\" must be an array of strings");
                }
                topics.add(t.textValue());
            }
        }
        if (topics.isEmpty()) {
            return Topics.error(id, type + " needs \"topic\" or a non-empty \"topics\"");
        }
        return new Topics(topics, null);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
