package io.tickgate.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickgate.app.config.ConfigLoader;
import io.tickgate.app.config.TickgateConfig;
import io.tickgate.gateway.Gateway;
import io.tickgate.simulator.venue.VenueSimulator;
import io.tickgate.simulator.venue.fault.DropMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The whole node against the venue simulator, watched by a WebSocket client of the gateway: every upstream
 * connection of both venues is cut (TCP reset, close frame) and stalled five times; per trade topic the client sees
 * each venue trade id once, consecutively, with no gap notice, its seqs continuous. Then the simulator's REST history
 * is shortened below the outages and the cuts go on: the client gets {@code gap} messages, in seq, that name exactly
 * the ids it did not get, and {@code /api/v1/feeds} counts them.
 */
class TradeBackfillEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PATTERNS = List.of("binance.*.trade", "binance.*.aggTrade", "okx.*.trade");

    /** Per topic what the client saw after its snapshot: ids (Long) and gap messages (JsonNode), and seqs. */
    private final Map<String, List<Object>> seen = new TreeMap<>();
    private final Map<String, List<Long>> seqs = new TreeMap<>();

    @Test
    @Timeout(150)
    void everyVenueTradeIdReachesTheClientOnceAcrossCutsAndLossesAreAnnouncedExactly() throws Exception {
        TickgateConfig c = new ConfigLoader().load(null, Map.of(), List.of("gateway.host=127.0.0.1",
                "gateway.port=0", "simulator.symbolsPerSource=2", "simulator.eventsPerSecond=1200",
                "binance.channels=trade,aggTrade,depth@100ms", "binance.minConnections=1", "binance.backoffCapMillis=2000",
                "okx.channels=trades,books", "okx.minConnections=1", "okx.backoffCapMillis=2000"));
        Assembly a = new Assembly(c);
        HttpClient http = HttpClient.newHttpClient();
        try {
            VenueSimulator sim = a.startVenueSimulator(true);
            a.startFeeds(sim);
            Gateway g = a.startGateway();
            WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + g.port() + "/ws"),
                    new Recorder()).get(10, TimeUnit.SECONDS);
            for (int i = 0; i < PATTERNS.size(); i++) {
                ws.sendText("{\"type\":\"subscribe\",\"id\":\"" + i + "\",\"topic\":\"" + PATTERNS.get(i) + "\"}",
                        true).get(5, TimeUnit.SECONDS);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> topicsWithTrades() == 6);

            outages(sim, 5);
            URI feeds = URI.create("http://127.0.0.1:" + g.port() + "/api/v1/feeds");
            awaitSettled(http, feeds);
            Map<String, List<Object>> afterCuts = copy();
            assertThat(afterCuts).hasSize(6);
            assertThat(problems(afterCuts)).isEmpty();
            assertThat(gapMessages(afterCuts)).isEmpty();

            sim.faults().tradeHistory(2);
            outages(sim, 3);
            JsonNode body = awaitSettled(http, feeds);
            Map<String, List<Object>> all = copy();
            assertThat(problems(all)).isEmpty();
            List<JsonNode> gaps = gapMessages(all);
            assertThat(gaps).isNotEmpty();
            assertThat(gaps).allSatisfy(gap -> assertThat(gap.path("reason").asText()).isEqualTo("history"));
            long announced = gaps.stream().mapToLong(gap -> gap.path("to").asLong() - gap.path("from").asLong() + 1)
                    .sum();
            long backfilled = 0;
            long unrecoverable = 0;
            for (JsonNode v : body.path("backfill")) {
                assertThat(v.path("enabled").asBoolean()).as(v.path("venue").asText()).isTrue();
                backfilled += v.path("backfilled").asLong();
                unrecoverable += v.path("unrecoverable").asLong();
            }
            assertThat(backfilled).isPositive();
            assertThat(unrecoverable).isGreaterThanOrEqualTo(announced); // the client joined after the first trades
            synchronized (seen) {
                seqs.forEach((topic, list) -> {
                    for (int i = 1; i < list.size(); i++) {
                        assertThat(list.get(i)).as(topic + " seq").isEqualTo(list.get(i - 1) + 1);
                    }
                });
            }
            ws.abort();
        } finally {
            a.components().close();
        }
    }

    /** Records every data and gap message per topic (after the topic's snapshot). */
    private final class Recorder implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket w, CharSequence part, boolean last) {
            text.append(part);
            if (last) {
                try {
                    JsonNode m = JSON.readTree(text.toString());
                    record(m);
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
                text.setLength(0);
            }
            w.request(1);
            return null;
        }
    }

    private void record(JsonNode m) {
        String type = m.path("type").asText();
        if (!type.equals("data") && !type.equals("gap")) {
            return;
        }
        String topic = m.path("topic").asText();
        synchronized (seen) {
            seqs.computeIfAbsent(topic, k -> new ArrayList<>()).add(m.path("seq").asLong());
            seen.computeIfAbsent(topic, k -> new ArrayList<>())
                    .add(type.equals("gap") ? m : (Object) m.path("data").path("id").asLong());
        }
    }

    private int topicsWithTrades() {
        synchronized (seen) {
            return (int) seen.values().stream().filter(l -> l.stream().anyMatch(o -> o instanceof Long)).count();
        }
    }

    private Map<String, List<Object>> copy() {
        synchronized (seen) {
            Map<String, List<Object>> out = new TreeMap<>();
            seen.forEach((k, v) -> out.put(k, new ArrayList<>(v)));
            return out;
        }
    }

    /** Ids not one past the previous without a gap message covering exactly the ids between. */
    private static List<String> problems(Map<String, List<Object>> all) {
        List<String> out = new ArrayList<>();
        all.forEach((topic, items) -> {
            long last = Long.MIN_VALUE;
            JsonNode gap = null;
            for (Object o : items) {
                if (o instanceof JsonNode n) {
                    if (gap != null || n.path("from").asLong() != last + 1) {
                        out.add(topic + ": gap " + n + " after " + last);
                    }
                    gap = n;
                    continue;
                }
                long id = (Long) o;
                if (gap != null && gap.path("to").asLong() != id - 1) {
                    out.add(topic + ": gap " + gap + " then " + id);
                } else if (gap == null && last != Long.MIN_VALUE && id != last + 1) {
                    out.add(topic + ": " + id + " after " + last + " without a gap message");
                }
                gap = null;
                last = id;
            }
        });
        return out;
    }

    private static List<JsonNode> gapMessages(Map<String, List<Object>> all) {
        List<JsonNode> out = new ArrayList<>();
        all.values().forEach(l -> l.stream().filter(o -> o instanceof JsonNode).forEach(o -> out.add((JsonNode) o)));
        return out;
    }

    private static void outages(VenueSimulator sim, int times) throws InterruptedException {
        for (int i = 0; i < times; i++) {
            sim.faults().drop(0, i % 2 == 0 ? DropMode.RST : DropMode.CLOSE);
            Thread.sleep(1500);
            sim.faults().stall(0, 300);
            Thread.sleep(700);
        }
    }

    /** Every connection up again and no backfill running; returns the last {@code /api/v1/feeds} body. */
    private static JsonNode awaitSettled(HttpClient http, URI feeds) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(40)).pollDelay(Duration.ofMillis(1500)).pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    JsonNode body = JSON.readTree(http.send(HttpRequest.newBuilder(feeds)
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body());
                    last[0] = body;
                    boolean idle = body.path("ready").asBoolean();
                    for (JsonNode v : body.path("backfill")) {
                        idle &= v.path("running").asInt() == 0;
                    }
                    return idle;
                });
        return last[0];
    }
}
