package io.tickgate.gateway.protocol;

import java.util.List;

/**
 * A decoded client → server message. Anything a client sends becomes one of these, including what could not be
 * understood ({@link Invalid}), so the session answers every frame in one place.
 */
public sealed interface ClientMessage {

    /** The request id, or null when the client sent none. */
    RequestId id();

    /** The message type for metrics: {@code subscribe}, {@code unsubscribe}, ..., {@code invalid}. */
    String type();

    /** {@code {"type":"subscribe","topic":..}} or {@code "topics":[..]}; patterns may hold {@code *}. */
    record Subscribe(RequestId id, List<String> topics, ResumePosition resume) implements ClientMessage {
        public Subscribe {
            topics = List.copyOf(topics);
        }

        @Override
        public String type() {
            return "subscribe";
        }
    }

    /** {@code {"type":"unsubscribe","topic":..}} or {@code "topics":[..]}. */
    record Unsubscribe(RequestId id, List<String> topics) implements ClientMessage {
        public Unsubscribe {
            topics = List.copyOf(topics);
        }

        @Override
        public String type() {
            return "unsubscribe";
        }
    }

    /** {@code {"type":"heartbeat"}}: answered with the server time. */
    record Heartbeat(RequestId id) implements ClientMessage {
        @Override
        public String type() {
            return "heartbeat";
        }
    }

    /** {@code {"type":"publish","topic":..,"data":{..}}}; {@code data} is kept as JSON text. */
    record Publish(RequestId id, String topic, String data) implements ClientMessage {
        @Override
        public String type() {
            return "publish";
        }
    }

    /** {@code {"type":"auth","token":..}}: the first message of a client that sent no token in its handshake. */
    record Auth(RequestId id, String token) implements ClientMessage {
        @Override
        public String type() {
            return "auth";
        }

        @Override
        public String toString() {
            return "Auth[id=" + id + "]"; // never the token
        }
    }

    /** {@code {"type":"refresh","token":..}}: a new token for the same subject, before the current one expires. */
    record Refresh(RequestId id, String token) implements ClientMessage {
        @Override
        public String type() {
            return "refresh";
        }

        @Override
        public String toString() {
            return "Refresh[id=" + id + "]";
        }
    }

    /** A frame that could not be decoded into a request; answered with {@code code}. */
    record Invalid(RequestId id, ErrorCode code, String message) implements ClientMessage {
        @Override
        public String type() {
            return "invalid";
        }
    }
}
