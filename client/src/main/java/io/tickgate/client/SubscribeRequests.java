package io.tickgate.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The current connection's subscribe requests: every subscription is sent from the server's {@code welcome} on,
 * paced under the rate limit it states ({@link SubscribePacer}), with {@code resume} at the topic's position when it
 * has one; unanswered requests are kept by id, and one refused for now ({@code RATE_LIMITED}, or {@code UNKNOWN_TOPIC}
 * while its producer is not up) is sent again after about {@link ClientConfig#subscribeRetryMillis()} (±50 %) while
 * the topic stays subscribed and the connection open. Event loop only.
 */
final class SubscribeRequests {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final EventLoop loop;
    private final long retryMillis;
    /** Whether a subscription is still the topic's (not unsubscribed, not replaced) when its turn comes. */
    private final Predicate<TopicSubscription> wanted;
    private final Map<String, TopicSubscription> unanswered = new HashMap<>();
    private final SubscribePacer<TopicSubscription> pacer = new SubscribePacer<>(System.nanoTime());
    /** The connection requests go on; null between connections. */
    private Channel channel;
    private boolean welcomed;
    /** A {@link #pace} is scheduled. */
    private boolean pacing;
    private long nextId;

    SubscribeRequests(EventLoop loop, long retryMillis, Predicate<TopicSubscription> wanted) {
        this.loop = loop;
        this.retryMillis = retryMillis;
        this.wanted = wanted;
    }

    /** A new connection's handshake completed: every subscription waits for its welcome. */
    void opened(Channel ch, Collection<TopicSubscription> all) {
        channel = ch;
        welcomed = false;
        unanswered.clear();
        pacer.restart(System.nanoTime());
        all.forEach(pacer::add);
    }

    /** The connection is gone: its unanswered requests never will be. */
    void lost() {
        channel = null;
        welcomed = false;
        unanswered.clear();
    }

    /** The connection's {@code welcome}: its rate limit (when stated), and the subscribes may go. */
    void welcome(JsonNode m) {
        JsonNode limit = m.path("rateLimit");
        if (limit.path("perSecond").asInt() > 0 && limit.path("burst").asInt() > 0) {
            pacer.limit(limit.path("perSecond").asInt(), limit.path("burst").asInt(), System.nanoTime());
        }
        welcomed = true;
        pace();
    }

    /** A subscription made while connected. */
    void add(TopicSubscription s) {
        if (channel != null) {
            pacer.add(s);
            pace();
        }
    }

    /** {@code subscribed}: its request is answered. */
    void subscribed(JsonNode m) {
        unanswered.remove(m.path("id").asText());
    }

    /** An {@code error}: a subscribe refused for now goes again later; any other refusal is final. */
    void refused(JsonNode m) {
        TopicSubscription s = unanswered.remove(m.path("id").asText());
        String code = m.path("code").asText();
        if (s == null || !("RATE_LIMITED".equals(code) || "UNKNOWN_TOPIC".equals(code))) {
            return;
        }
        Channel ch = channel;
        long delay = retryMillis / 2 + (long) (ThreadLocalRandom.current().nextDouble() * retryMillis);
        loop.schedule(() -> {
            if (ch == channel && wanted.test(s)) {
                pacer.add(s);
                pace();
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    /** Sends what the pacer allows now, and comes back when the next may go. */
    private void pace() {
        Channel ch = channel;
        if (ch == null || !welcomed) {
            return;
        }
        long wait = pacer.drain(s -> {
            if (!wanted.test(s)) {
                return false;
            }
            send(ch, s);
            return true;
        }, System.nanoTime());
        ch.flush();
        if (wait >= 0 && !pacing) {
            pacing = true;
            loop.schedule(() -> {
                pacing = false;
                pace(); // on the connection of then, should this one have gone meanwhile
            }, wait, TimeUnit.NANOSECONDS);
        }
    }

    private void send(Channel ch, TopicSubscription s) {
        String id = "s" + nextId++;
        unanswered.put(id, s);
        ObjectNode m = MAPPER.createObjectNode().put("type", "subscribe").put("id", id).put("topic", s.topic);
        if (s.epoch != null) {
            m.putObject("resume").put("epoch", s.epoch).put("seq", s.seq);
        }
        ch.write(new TextWebSocketFrame(m.toString()));
    }
}
