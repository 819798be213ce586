package io.tickgate.app.cluster;

import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.tickgate.app.DemoProcess;
import io.tickgate.client.ClientConfig;
import io.tickgate.client.ClientListener;
import io.tickgate.client.FullJitterBackoff;
import io.tickgate.client.Gap;
import io.tickgate.client.TickgateClient;
import io.tickgate.client.UpstreamGap;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Java clients spread round-robin over the nodes (each with the other nodes as failover, a short idle timeout so a
 * paused node's clients move too), each subscribed to every trade topic ({@link TopicLog}) and every book topic
 * ({@link BookTape}); collects the gaps and upstream gap notices they report.
 */
final class Watchers implements AutoCloseable {

    private static final Pattern SEQ = Pattern.compile("seq (\\d+)");

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final List<TickgateClient> clients = new ArrayList<>();
    private final List<Map<String, TopicLog>> trades = new ArrayList<>();
    private final List<Map<String, BookTape>> books = new ArrayList<>();
    private final List<Gap> gaps = new CopyOnWriteArrayList<>();
    private final List<UpstreamGap> upstreamGaps = new CopyOnWriteArrayList<>();
    private final ClientListener listener = new ClientListener() {
        @Override
        public void onGap(Gap gap) {
            gaps.add(gap);
        }

        @Override
        public void onUpstreamGap(UpstreamGap gap) {
            upstreamGaps.add(gap);
        }
    };

    /** Connects {@code count} clients to {@code nodes} and waits until every trade topic delivered trades to all. */
    Watchers(List<DemoProcess> nodes, int count, List<String> tradeTopics, List<String> bookTopics) {
        for (int i = 0; i < count; i++) {
            ClientConfig.Builder b = ClientConfig.builder(ShardedCluster.ws(nodes.get(i % nodes.size())))
                    .eventLoopGroup(group).reconnectDelay(new FullJitterBackoff(50, 1_000))
                    .heartbeatMillis(500).idleTimeoutMillis(2_000);
            for (int k = 1; k < nodes.size(); k++) {
                b.failover(URI.create(ShardedCluster.ws(nodes.get((i + k) % nodes.size()))));
            }
            TickgateClient c = new TickgateClient(b.build(), listener);
            Map<String, TopicLog> t = new LinkedHashMap<>();
            Map<String, BookTape> k = new LinkedHashMap<>();
            for (String topic : tradeTopics) {
                t.put(topic, new TopicLog());
                c.subscribe(topic, t.get(topic));
            }
            for (String topic : bookTopics) {
                k.put(topic, new BookTape());
                c.subscribe(topic, k.get(topic));
            }
            clients.add(c);
            trades.add(t);
            books.add(k);
            c.connect();
        }
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).until(() -> trades.stream()
                .allMatch(m -> m.values().stream().allMatch(l -> TradeCheck.dataCount(l) > 0)));
    }

    /** Per client, its trade topics' logs. */
    List<Map<String, TopicLog>> trades() {
        return trades;
    }

    /** Per client, its book topics' tapes. */
    List<Map<String, BookTape>> books() {
        return books;
    }

    /** Waits (at most 60 s) until every client's every topic got at least as far as the furthest client is now. */
    void awaitCaughtUp() {
        Map<String, Long> until = new LinkedHashMap<>();
        trades.forEach(m -> m.forEach((t, l) -> until.merge(t, l.last(), Math::max)));
        books.forEach(m -> m.forEach((t, b) -> until.merge(t, b.seq(), Math::max)));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() ->
                trades.stream().allMatch(m -> m.entrySet().stream()
                        .allMatch(e -> e.getValue().last() >= until.get(e.getKey())))
                && books.stream().allMatch(m -> m.entrySet().stream()
                        .allMatch(e -> e.getValue().seq() >= until.get(e.getKey()))));
    }

    /** Every problem in the clients' trade logs and book tapes, and trades different clients saw at one seq. */
    List<String> problems() {
        List<String> out = new ArrayList<>();
        Map<String, Map<Long, String>> idAt = new LinkedHashMap<>();
        for (int i = 0; i < trades.size(); i++) {
            for (Map.Entry<String, TopicLog> e : trades.get(i).entrySet()) {
                for (String p : TradeCheck.problems(e.getValue())) {
                    out.add("client " + i + " " + e.getKey() + ": " + p);
                }
                TradeCheck.agree(e.getKey(), e.getValue(), idAt.computeIfAbsent(e.getKey(), k -> new HashMap<>()), out);
            }
            for (Map.Entry<String, BookTape> e : books.get(i).entrySet()) {
                for (String p : e.getValue().problems()) {
                    out.add("client " + i + " " + e.getKey() + ": " + p);
                }
            }
        }
        return out;
    }

    /** Per trade topic with a problem in some client's log, the first seq it names (to look up in Redis). */
    Map<String, Long> problemSeqs() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Map<String, TopicLog> m : trades) {
            m.forEach((topic, log) -> {
                List<String> p = TradeCheck.problems(log);
                if (!p.isEmpty()) {
                    Matcher seq = SEQ.matcher(p.get(0));
                    out.putIfAbsent(topic, seq.find() ? Long.parseLong(seq.group(1)) : 0L);
                }
            });
        }
        return out;
    }

    /** Trades the clients got as data, over all. */
    long tradesSeen() {
        return trades.stream().flatMap(m -> m.values().stream()).mapToLong(TradeCheck::dataCount).sum();
    }

    List<Gap> gaps() {
        return List.copyOf(gaps);
    }

    List<UpstreamGap> upstreamGaps() {
        return List.copyOf(upstreamGaps);
    }

    /** Duplicates the clients dropped (a seq they had already had). */
    long duplicates() {
        return clients.stream().mapToLong(c -> c.stats().duplicates()).sum();
    }

    long reconnects() {
        return clients.stream().mapToLong(c -> c.stats().reconnects()).sum();
    }

    @Override
    public void close() {
        clients.forEach(TickgateClient::close);
        group.shutdownGracefully(0, 200, TimeUnit.MILLISECONDS);
    }
}
