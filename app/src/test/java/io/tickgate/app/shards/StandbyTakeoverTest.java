package io.tickgate.app.shards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tickgate.app.config.ConfigLoader;
import io.tickgate.app.config.TickgateConfig;
import io.tickgate.app.runtime.Assembly;
import io.tickgate.bus.Brokers;
import io.tickgate.bus.api.Broker;
import io.tickgate.bus.api.BrokerSettings;
import io.tickgate.bus.testing.RedisExtension;
import io.tickgate.feed.FeedPools;
import io.tickgate.feed.pool.FeedPool;
import io.tickgate.gateway.Gateway;
import io.tickgate.model.book.OrderBook;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.GapReason;
import io.tickgate.model.topic.Topic;
import io.tickgate.model.topic.TopicPattern;
import io.tickgate.simulator.venue.VenueSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hot standby on a test-owned Redis with the venue simulator: two feed nodes (Assemblies in this JVM), one venue
 * (Binance, and OKX in the first test: the same checks on its trades and checksummed books) in 4 shards with
 * {@code <venue>.standby=true}: each node owns 2 shards and stands by for the other 2. The owner of two
 * is killed (no handover); the survivor takes them over from its standby buffers: every venue trade id once, in
 * order, no gap notice, no trade fetched by REST; each book's first event after the kill is a snapshot at the topic's
 * next seq, and the books a subscriber builds equal the new owner's. With a standby buffer too small to reach back to
 * the old owner's last trade, a gap notice ({@code limit}) covers exactly the ids it lacks.
 */
class StandbyTakeoverTest {

    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.standalone();
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"binance", "okx"})
    @Timeout(90) // ~35-45 s as a rule; the bound leaves room for lease flaps on a loaded machine
    void theStandbyPublishesWhatTheKilledOwnerHadNotWithoutRestBackfill(String venue) throws Exception {
        try (Cluster c = new Cluster(venue, 100_000)) {
            TradeTape ids = new TradeTape();
            BookTape books = new BookTape();
            c.client.subscribe(TopicPattern.parse(venue + ".*.trade"), ids);
            c.client.subscribe(TopicPattern.parse(venue + ".*.book"), books);
            c.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> standingBy(c.feeds()) == 2);
            await().atMost(Duration.ofSeconds(30)).until(() -> ids.topics() == 4 && ids.minCount() > 50);
            JsonNode before = c.feeds();
            for (JsonNode sh : before.path("shards")) {
                String owner = sh.path("owner").asText();
                assertThat(sh.path("standby").asText()).as(sh.path("shard").asText()).isNotEqualTo(owner)
                        .isIn(c.a.shardOwnership().node(), c.b.shardOwnership().node());
            }

            long hotBefore = takeovers(c.b, true).count();
            Map<String, Long> killed = c.killA();
            books.mark();
            long total = ids.total();
            await().atMost(Duration.ofSeconds(20)).until(() -> c.b.shardOwnership().owned().size() == 4);
            await().atMost(Duration.ofSeconds(30)).until(() -> ids.total() > total + 400);

            long supplied = 0;
            for (JsonNode sh : c.feeds().path("shards")) {
                if (killed.containsKey(sh.path("shard").asText())) {
                    assertThat(sh.path("generation").asLong()).isEqualTo(killed.get(sh.path("shard").asText()) + 1);
                    assertThat(sh.path("backfilled").asLong()).as("trades fetched by REST").isZero();
                    assertThat(sh.path("unrecoverable").asLong()).isZero();
                    supplied += sh.path("suppliedByStandby").asLong();
                }
            }
            assertThat(supplied).as("trades the killed owner never published, from the standby buffer").isPositive();
            assertThat(ids.problems()).isEmpty();
            assertThat(ids.gaps()).isEmpty();
            assertThat(c.client.fencing().count()).isZero();
            assertThat(takeovers(c.b, true).count() - hotBefore).as("takeovers from the standby buffer")
                    .isGreaterThanOrEqualTo(killed.size());

            Map<String, String> shardOfSymbol = shardOfSymbol(before);
            List<Topic> killedBooks = books.topicsBeforeMark().stream()
                    .filter(t -> killed.containsKey(shardOfSymbol.get(t.symbol()))).toList();
            assertThat(killedBooks).isNotEmpty();
            await().atMost(Duration.ofSeconds(10)).until(() -> books.firstAfterMark().keySet()
                    .containsAll(killedBooks));
            for (Topic t : killedBooks) {
                assertThat(books.firstAfterMark().get(t)).as(t.toString()).isEqualTo("BookSnapshot at the next seq");
            }
            for (BookSnapshot s : ownersBooks(c.bFeeds)) {
                Topic t = s.topic();
                OrderBook owner = new OrderBook(t.source(), t.symbol());
                owner.replace(s);
                await().atMost(Duration.ofSeconds(10)).until(() -> books.topAt(t, s.sequence()) != null);
                assertThat(books.topAt(t, s.sequence())).as(t + " at " + s.sequence()).isEqualTo(BookTape.top(owner));
            }
        }
    }

    @Test
    @Timeout(90) // ~35-45 s as a rule; the bound leaves room for lease flaps on a loaded machine
    void aStandbyBufferThatNoLongerReachesBackAnnouncesTheMissingIds() throws Exception {
        try (Cluster c = new Cluster("binance", 40)) {
            TradeTape ids = new TradeTape();
            c.client.subscribe(TopicPattern.parse("binance.*.trade"), ids);
            c.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> standingBy(c.feeds()) == 2);
            await().atMost(Duration.ofSeconds(30)).until(() -> ids.topics() == 4 && ids.minCount() > 50);

            long hotBefore = takeovers(c.b, true).count();
            Map<String, Long> killed = c.killA();
            long total = ids.total();
            await().atMost(Duration.ofSeconds(20)).until(() -> c.b.shardOwnership().owned().size() == 4);
            await().atMost(Duration.ofSeconds(30)).until(() -> ids.total() > total + 400);

            assertThat(ids.problems()).as("every id seen once or inside a gap notice").isEmpty();
            assertThat(ids.gaps()).isNotEmpty().allSatisfy(g -> assertThat(g.reason()).isEqualTo(GapReason.LIMIT));
            for (JsonNode sh : c.feeds().path("shards")) {
                if (killed.containsKey(sh.path("shard").asText())) {
                    assertThat(sh.path("backfilled").asLong()).isZero();
                }
            }
            long dropped = (long) c.b.registry().get("tickgate.shards.standby.dropped").functionCounter().count();
            assertThat(dropped).as("events the bound dropped from the standby buffers").isPositive();
            assertThat(takeovers(c.b, true).count() - hotBefore).isGreaterThanOrEqualTo(killed.size());
        }
    }

    private static int standingBy(JsonNode feeds) {
        int n = 0;
        for (JsonNode sh : feeds.path("shards")) {
            n += sh.path("standingBy").asBoolean() && sh.path("standbyBuffered").asLong() > 0 ? 1 : 0;
        }
        return n;
    }

    private static Timer takeovers(Assembly node, boolean standby) {
        return node.registry().get("tickgate.shards.takeover.time").tag("standby", Boolean.toString(standby))
                .timer();
    }

    private static Map<String, String> shardOfSymbol(JsonNode feeds) {
        Map<String, String> out = new HashMap<>();
        for (JsonNode sh : feeds.path("shards")) {
            sh.path("symbols").forEach(sym -> out.put(sym.asText(), sh.path("shard").asText()));
        }
        return out;
    }

    /** The synced books of every pool of {@code feeds}, read on each pool's processing thread. */
    private static List<BookSnapshot> ownersBooks(FeedPools feeds) throws Exception {
        List<BookSnapshot> out = new ArrayList<>();
        for (FeedPool p : feeds.pools()) {
            CompletableFuture<List<BookSnapshot>> f = new CompletableFuture<>();
            p.processor().execute(() -> f.complete(p.processor().bookSnapshots()));
            out.addAll(f.get(5, TimeUnit.SECONDS));
        }
        return out;
    }

    /** The simulator's node, two feed nodes (b also serves the API) and a subscriber, on the test's Redis. */
    private static final class Cluster implements AutoCloseable {
        final Assembly sim;
        final Assembly a;
        final Assembly b;
        final Broker client;
        private Gateway gateway;
        private FeedPools bFeeds;

        Cluster(String venue, int bufferEvents) {
            String keys = "standby" + System.nanoTime(); // each test its own keys: no lease or topic of the last
            sim = new Assembly(config(venue, bufferEvents, keys));
            a = new Assembly(config(venue, bufferEvents, keys));
            b = new Assembly(config(venue, bufferEvents, keys));
            client = Brokers.open(REDIS.url(), BrokerSettings.builder().keyPrefix(keys).build(),
                    new SimpleMeterRegistry());
        }

        void start() {
            VenueSimulator venues = sim.startVenueSimulator(true);
            a.startFeeds(venues);
            bFeeds = b.startFeeds(venues);
            gateway = b.startGateway();
            await().atMost(Duration.ofSeconds(20)).until(() -> a.shardOwnership().owned().size() == 2
                    && b.shardOwnership().owned().size() == 2);
        }

        /** Kills a: no handover, its leases run out. Returns the shards it owned with their generations. */
        Map<String, Long> killA() {
            Map<String, Long> owned = a.shardOwnership().owned();
            a.shardOwnership().abandon();
            a.components().close();
            return owned;
        }

        JsonNode feeds() throws Exception {
            return JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + gateway.port() + "/api/v1/feeds")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        }

        @Override
        public void close() {
            client.close();
            b.components().close();
            a.components().close();
            sim.components().close();
        }
    }

    /** One venue with 4 shards and a hot standby; the other venue off. */
    private static TickgateConfig config(String venue, int bufferEvents, String keyPrefix) {
        String channels = venue.equals("okx") ? "trades,books" : "trade,depth@100ms";
        String other = venue.equals("okx") ? "binance" : "okx";
        return new ConfigLoader().load(null, Map.of(), List.of("gateway.host=127.0.0.1", "gateway.port=0",
                "broker.url=" + REDIS.url(), "broker.keyPrefix=" + keyPrefix, "store.enabled=false",
                "feeds.leaseTtlMillis=3000", "simulator.symbolsPerSource=4", "simulator.eventsPerSecond=800",
                venue + ".channels=" + channels, venue + ".minConnections=1", venue + ".shards=4",
                venue + ".standby=true", venue + ".standbyBufferEvents=" + bufferEvents, other + ".enabled=false"));
    }
}
