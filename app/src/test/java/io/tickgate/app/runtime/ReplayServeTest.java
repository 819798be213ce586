package io.tickgate.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickgate.app.config.ConfigLoader;
import io.tickgate.feed.replay.ReplayPace;
import io.tickgate.feed.replay.ReplaySummary;
import io.tickgate.gateway.Gateway;
import io.tickgate.model.topic.Topic;
import io.tickgate.model.venue.Venue;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code tickgate replay --serve}: a recording replayed at (ten times) its recorded speed into a gateway; a WebSocket
 * client subscribed to a replayed book gets {@code subscribed}, the snapshot and then every update with consecutive
 * seqs, as from a live feed, and the replay's last seq is what the client saw last.
 */
@Timeout(60)
class ReplayServeTest {

    private static final Path FIXTURES = Path.of("..", "feed", "src", "test", "resources", "fixtures", "binance");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aClientSeesTheReplayedBookWithASnapshotAndConsecutiveSeqs() throws Exception {
        Assembly a = new Assembly(new ConfigLoader().load(null, Map.of(),
                List.of("gateway.port=0", "binance.channels=aggTrade,depth@100ms")));
        Path frames = FIXTURES.resolve("BINANCE.ws.1.0");
        Path rest = FIXTURES.resolve("BINANCE.http.0.0");
        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        WebSocket ws = null;
        try {
            a.declareTopics(ReplayFeed.topics(a, Venue.BINANCE, frames, rest));
            Gateway g = a.startGateway();
            ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + g.port() + "/ws"), new Collect(received))
                    .get(10, TimeUnit.SECONDS);
            // the client subscribes before the replay starts (the topic is declared: the answer comes with its
            // first message); the capture spans 31 s
            ws.sendText("{\"type\":\"subscribe\",\"id\":\"1\",\"topic\":\"binance.NKNUSDT.book\"}", true);
            ReplayFeed feed = a.components().add("replay",
                    ReplayFeed.start(a, Venue.BINANCE, frames, rest, ReplayPace.recorded(10)));
            assertThat(next(received, "subscribed").get("topic").asText()).isEqualTo("binance.NKNUSDT.book");
            JsonNode snapshot = next(received, "snapshot");
            assertThat(snapshot.get("data").get("bids").size()).isPositive();
            long seq = snapshot.get("seq").asLong();
            ReplaySummary summary = feed.done().get(30, TimeUnit.SECONDS);
            long last = summary.topics().get("binance.NKNUSDT.book");
            int updates = 0;
            while (seq < last) {
                JsonNode data = next(received, "data");
                assertThat(data.get("topic").asText()).isEqualTo("binance.NKNUSDT.book");
                assertThat(data.get("seq").asLong()).as("seq after " + seq).isEqualTo(seq + 1);
                seq++;
                updates++;
            }
            assertThat(updates).isGreaterThan(100); // 149 book messages in all: a snapshot and the deltas after it
            assertThat(a.broker().topics()).contains(Topic.parse("binance.NKNUSDT.kline.1s"));
        } finally {
            if (ws != null) {
                ws.abort();
            }
            a.components().close();
        }
    }

    /** The next message of a type, skipping others (heartbeats, welcome). */
    private static JsonNode next(LinkedBlockingQueue<String> received, String type) throws Exception {
        while (true) {
            String text = received.poll(20, TimeUnit.SECONDS);
            assertThat(text).as("a '" + type + "' message in time").isNotNull();
            JsonNode m = JSON.readTree(text);
            if (m.get("type").asText().equals(type)) {
                return m;
            }
            assertThat(m.get("type").asText()).as(text).isIn("welcome", "heartbeat");
        }
    }

    /** Whole text messages into a queue. */
    private static final class Collect implements WebSocket.Listener {
        private final LinkedBlockingQueue<String> into;
        private final StringBuilder parts = new StringBuilder();

        Collect(LinkedBlockingQueue<String> into) {
            this.into = into;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            parts.append(data);
            if (last) {
                into.add(parts.toString());
                parts.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }
}
