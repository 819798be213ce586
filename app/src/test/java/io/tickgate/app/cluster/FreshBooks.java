package io.tickgate.app.cluster;

import static org.awaitility.Awaitility.await;

import io.tickgate.app.DemoProcess;
import io.tickgate.client.ClientConfig;
import io.tickgate.client.ClientListener;
import io.tickgate.client.TickgateClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A client that subscribes afresh to book topics and takes each topic's first snapshot; {@link #compare} holds every
 * watching client's book, at that snapshot's seq, against it: a client that kept its book from snapshots and deltas
 * through a takeover must hold exactly what a new subscriber gets.
 */
final class FreshBooks {

    /** A fresh subscriber's snapshot: its seq and rendered book. */
    record Fresh(long seq, String book) {
    }

    /** What the comparison found: books compared, and the mismatches (empty: every book equal). */
    record Result(int compared, List<String> mismatches) {
    }

    private FreshBooks() {
    }

    /** Subscribes on {@code node} to {@code topics} and waits (at most 20 s) for each one's snapshot. */
    static Map<String, Fresh> take(DemoProcess node, List<String> topics) {
        Map<String, Fresh> out = new ConcurrentHashMap<>();
        TickgateClient c = new TickgateClient(ClientConfig.builder(ShardedCluster.ws(node)).build(),
                new ClientListener() { });
        try {
            for (String t : topics) {
                c.subscribe(t, m -> {
                    if (m.isSnapshot()) {
                        out.putIfAbsent(t, new Fresh(m.seq(), BookTape.render(m.data())));
                    }
                });
            }
            c.connect();
            await().atMost(Duration.ofSeconds(20)).until(() -> out.size() == topics.size());
        } finally {
            c.close();
        }
        return out;
    }

    /**
     * Each client's book of each topic at the fresh snapshot's seq, against the snapshot (waits, at most 20 s, until
     * every client got that far); a client that holds no book at that seq (skipped by a conflated snapshot) is not
     * compared.
     */
    static Result compare(Map<String, Fresh> fresh, List<Map<String, BookTape>> clients) {
        await().atMost(Duration.ofSeconds(20)).until(() -> clients.stream().allMatch(m -> fresh.entrySet().stream()
                .allMatch(f -> m.get(f.getKey()).seq() >= f.getValue().seq())));
        int compared = 0;
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            for (Map.Entry<String, Fresh> f : fresh.entrySet()) {
                String mine = clients.get(i).get(f.getKey()).at(f.getValue().seq());
                if (mine == null) {
                    continue;
                }
                compared++;
                if (!mine.equals(f.getValue().book())) {
                    mismatches.add("client " + i + " " + f.getKey() + " at seq " + f.getValue().seq() + ":\n  kept  "
                            + abbreviate(mine) + "\n  fresh " + abbreviate(f.getValue().book()));
                }
            }
        }
        return new Result(compared, mismatches);
    }

    private static String abbreviate(String s) {
        return s.length() <= 600 ? s : s.substring(0, 600) + "...";
    }
}
