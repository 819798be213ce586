package io.tickgate.feed.pool;

import io.netty.channel.EventLoopGroup;
import io.tickgate.feed.connection.ConnectionState;
import io.tickgate.feed.pipeline.VenueProcessor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections of one endpoint of a venue (a venue with one endpoint has one of these): every symbol spread over
 * {@code min..max} {@link FeedConnection}s by a consistent-hash ring with virtual nodes (weighted by the symbols'
 * message rates on this endpoint when resized; when the rates drift without a resize, the fewest symbols move to even
 * out the load, see {@link Rebalancer}), autoscaling on per-connection message rate and processing backlog with a
 * cooldown, symbols moved make-before-break. Runs on its {@link FeedPool}'s pool thread; views are read from any
 * thread.
 */
final class EndpointPool {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointPool.class);

    private final PoolConfig config;
    private final EndpointConfig endpoint;
    private final PoolContext ctx;
    private final EventLoopGroup group;
    private final VenueProcessor processor;
    private final String label;
    private final ConsistentHashRing ring;
    private final Map<String, FeedConnection> connections = new LinkedHashMap<>();
    private final Map<String, String> assignment = new HashMap<>();
    private final List<FeedConnection> draining = new ArrayList<>();
    private volatile List<FeedConnection> snapshot = List.of();
    private int nextIndex;
    private long lastScaleAt;
    private long lastRebalanceAt = System.currentTimeMillis();
    private volatile long rebalanceMoves;
    private long lastMessages = -1;
    private long lastMessagesAt;

    EndpointPool(PoolContext ctx, EventLoopGroup group) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.config = ctx.config();
        this.endpoint = ctx.endpoint();
        this.group = Objects.requireNonNull(group, "group");
        this.processor = ctx.processor();
        this.label = endpoint.primary() ? config.venue().source()
                : config.venue().source() + " " + endpoint.name();
        this.ring = new ConsistentHashRing(config.virtualNodes());
    }

    EndpointConfig endpoint() {
        return endpoint;
    }

    PoolContext context() {
        return ctx;
    }

    // ---------------------------------------------------------------- pool thread

    /** Opens the first connections, symbols spread by the ring. */
    void start() {
        int start = endpoint.requiredConnections();
        if (start > endpoint.minConnections()) {
            LOG.info("feed pool {}: {} symbols x {} channels need {} connections of at most {} streams: starting {}"
                    + " (minConnections {})", label, config.symbols().size(), endpoint.channels().size(), start,
                    config.maxStreamsPerConnection(), start, endpoint.minConnections());
        }
        for (int i = 0; i < start; i++) {
            ring.addNode(nodeName(nextIndex++));
        }
        Map<String, String> a = ring.assign(config.symbols(), s -> 1.0, config.loadSlack(),
                endpoint.maxSymbolsPerConnection());
        assignment.putAll(a);
        for (String node : ring.nodes()) {
            List<String> mine = new ArrayList<>();
            for (String s : config.symbols()) {
                if (node.equals(a.get(s))) {
                    mine.add(s);
                }
            }
            addConnection(node, mine, Map.of());
        }
        LOG.info("feed pool {}: {} symbols x {} over {} connections to {}", label, config.symbols().size(),
                endpoint.channels(), connections.size(), endpoint.url());
    }

    private FeedConnection addConnection(String node, List<String> symbols, Map<String, FeedConnection> from) {
        FeedConnection c = new FeedConnection(node, ctx, group.next(), symbols, from);
        connections.put(node, c);
        snapshot = List.copyOf(connections.values());
        c.start();
        return c;
    }

    /** The periodic work, every {@code autoscaleIntervalMillis}. */
    void tick() {
        relaxControlBudget();
        autoscale();
    }

    /** After a quiet period without a 1008 for too many messages, new sockets get a larger control budget again. */
    private void relaxControlBudget() {
        int raised = ctx.controlBudget().relax();
        if (raised > 0) {
            LOG.info("feed pool {}: no close for too many messages in {} ms: control budget for new sockets raised to "
                    + "{} per {} ms (configured {})", label, config.controlRecoveryMillis(), raised,
                    config.controlWindowMillis(), config.controlMessages());
        }
    }

    private void autoscale() {
        try {
            finishDraining();
            long now = System.currentTimeMillis();
            long messages = 0;
            for (FeedConnection c : connections.values()) {
                messages += c.messagesSeen();
            }
            double rate = 0;
            if (lastMessages >= 0 && now > lastMessagesAt) {
                rate = Math.max(0, messages - lastMessages) * 1000.0 / (now - lastMessagesAt);
            }
            lastMessages = messages;
            lastMessagesAt = now;
            if (now - lastScaleAt < config.scaleCooldownMillis() || connections.isEmpty()) {
                return;
            }
            double perConnection = rate / connections.size();
            boolean backlog = processor.queueDepth() > processor.queueCapacity() / 2;
            if ((perConnection > config.scaleUpMessagesPerSecond() || backlog)
                    && connections.size() < endpoint.maxConnections()) {
                LOG.info("feed pool {}: scaling up ({} msg/s per connection, backlog {})", label,
                        Math.round(perConnection), processor.queueDepth());
                resize(+1);
                lastScaleAt = now;
            } else if (perConnection < config.scaleDownMessagesPerSecond() && !backlog && lastMessagesAt > 0
                    && connections.size() > endpoint.requiredConnections() && rate > 0) {
                LOG.info("feed pool {}: scaling down ({} msg/s per connection)", label, Math.round(perConnection));
                resize(-1);
                lastScaleAt = now;
            } else {
                maybeRebalance(now);
            }
        } catch (RuntimeException e) {
            LOG.warn("feed pool {}: autoscaling failed", label, e);
        }
    }

    /** Adds one connection now if below {@code maxConnections}. */
    void scaleUp() {
        if (connections.size() < endpoint.maxConnections()) {
            resize(+1);
            lastScaleAt = System.currentTimeMillis();
        }
    }

    /** Removes one connection now if above what the endpoint needs ({@link EndpointConfig#requiredConnections()}). */
    void scaleDown() {
        if (connections.size() > endpoint.requiredConnections()) {
            resize(-1);
            lastScaleAt = System.currentTimeMillis();
        }
    }

    /** Adds ({@code +1}) or removes ({@code -1}) one connection, moving as few symbols as the ring allows. */
    void resize(int delta) {
        String added = null;
        FeedConnection removed = null;
        if (delta > 0) {
            added = nodeName(nextIndex++);
            ring.addNode(added);
        } else {
            String last = null;
            for (String n : connections.keySet()) {
                last = n;
            }
            removed = connections.remove(last);
            ring.removeNode(last);
            draining.add(removed);
        }
        Map<String, Double> rates = processor.symbolRates(endpoint.index());
        int cap = endpoint.maxSymbolsPerConnection();
        Map<String, String> next = new HashMap<>(ring.assign(config.symbols(), s -> rates.getOrDefault(s, 1.0),
                config.loadSlack(), cap));
        // move only what must move: onto the added connection, or off the removed one
        String gone = removed == null ? null : removed.name();
        for (String s : config.symbols()) {
            String before = assignment.get(s);
            if (before != null && !before.equals(gone) && !next.get(s).equals(added)) {
                next.put(s, before);
            }
        }
        fitStreamCap(next, gone, cap);
        Map<String, Map<String, List<String>>> moves = new LinkedHashMap<>(); // to → from → symbols
        for (String s : config.symbols()) {
            String before = assignment.get(s);
            String after = next.get(s);
            if (!Objects.equals(before, after)) {
                moves.computeIfAbsent(after, k -> new LinkedHashMap<>())
                        .computeIfAbsent(before, k -> new ArrayList<>()).add(s);
            }
        }
        assignment.clear();
        assignment.putAll(next);
        int moved = 0;
        for (Map.Entry<String, Map<String, List<String>>> to : moves.entrySet()) {
            List<String> all = new ArrayList<>();
            Map<String, FeedConnection> from = new HashMap<>();
            for (Map.Entry<String, List<String>> f : to.getValue().entrySet()) {
                FeedConnection src = f.getKey() == null ? null : find(f.getKey(), removed);
                for (String s : f.getValue()) {
                    all.add(s);
                    if (src != null) {
                        from.put(s, src);
                    }
                }
            }
            moved += all.size();
            if (to.getKey().equals(added)) {
                addConnection(added, all, from);
            } else {
                FeedConnection dst = connections.get(to.getKey());
                Map<FeedConnection, List<String>> bySource = new HashMap<>();
                for (String s : all) {
                    bySource.computeIfAbsent(from.get(s), k -> new ArrayList<>()).add(s);
                }
                bySource.forEach((src, list) -> dst.adopt(list, src));
            }
        }
        if (added != null && !connections.containsKey(added)) {
            addConnection(added, List.of(), Map.of());
        }
        snapshot = List.copyOf(connections.values());
        LOG.info("feed pool {}: now {} connections, {} symbols moved", label, connections.size(), moved);
    }

    /** Moves the fewest symbols that even out the connections' loads when rates drifted (see {@link Rebalancer}). */
    private void maybeRebalance(long now) {
        long interval = config.rebalanceIntervalMillis();
        if (interval <= 0 || now - lastRebalanceAt < interval || now - lastScaleAt < interval
                || !draining.isEmpty() || connections.size() < 2 || !ready()) {
            return;
        }
        lastRebalanceAt = now;
        Map<String, Double> rates = processor.symbolRates(endpoint.index());
        Map<String, String> moves = Rebalancer.plan(assignment, connections.keySet(),
                s -> rates.getOrDefault(s, 0.0), config.rebalanceTrigger(),
                Math.max(1, config.symbols().size() / 10), endpoint.maxSymbolsPerConnection());
        if (moves.isEmpty()) {
            return;
        }
        Map<String, Map<String, List<String>>> byPair = new LinkedHashMap<>(); // to → from → symbols
        for (Map.Entry<String, String> m : moves.entrySet()) {
            byPair.computeIfAbsent(m.getValue(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(assignment.get(m.getKey()), k -> new ArrayList<>()).add(m.getKey());
            assignment.put(m.getKey(), m.getValue());
        }
        byPair.forEach((to, from) -> from.forEach((src, list) -> connections.get(to).adopt(list,
                connections.get(src))));
        rebalanceMoves += moves.size();
        LOG.info("feed pool {}: rebalanced by message rate, {} symbols moved: {}", label, moves.size(), moves);
    }

    /**
     * Keeping the symbols that need not move can leave a connection that receives some of a removed connection's
     * symbols above the stream cap: those then go to the connections with the most room instead.
     */
    private void fitStreamCap(Map<String, String> next, String gone, int cap) {
        if (cap == Integer.MAX_VALUE) {
            return;
        }
        Map<String, Integer> count = new HashMap<>();
        connections.keySet().forEach(n -> count.put(n, 0));
        next.values().forEach(n -> count.merge(n, 1, Integer::sum));
        List<String> ordered = new ArrayList<>(config.symbols());
        ordered.sort(null);
        for (String s : ordered) {
            String to = next.get(s);
            String before = assignment.get(s);
            boolean arriving = before == null || before.equals(gone);
            if (!arriving || count.get(to) <= cap) {
                continue;
            }
            String roomiest = null;
            for (Map.Entry<String, Integer> e : count.entrySet()) {
                if (roomiest == null || e.getValue() < count.get(roomiest)) {
                    roomiest = e.getKey();
                }
            }
            count.merge(to, -1, Integer::sum);
            count.merge(roomiest, 1, Integer::sum);
            next.put(s, roomiest);
        }
    }

    private FeedConnection find(String node, FeedConnection removed) {
        FeedConnection c = connections.get(node);
        if (c == null && removed != null && removed.name().equals(node)) {
            return removed;
        }
        return c;
    }

    private void finishDraining() {
        draining.removeIf(c -> {
            if (c.view().symbols().isEmpty()) {
                c.close();
                LOG.info("feed pool {}: {} drained and closed", label, c.name());
                return true;
            }
            return false;
        });
    }

    /**
     * Connection names: {@code okx-0} on the primary endpoint (as before endpoints existed), {@code okx-business-0}
     * on the others.
     */
    private String nodeName(int i) {
        return config.venue().source() + "-" + (endpoint.primary() ? "" : endpoint.name() + "-") + i;
    }

    /** Closes every connection, draining ones included (pool thread). */
    void close() {
        for (FeedConnection c : connections.values()) {
            c.close();
        }
        for (FeedConnection c : draining) {
            c.close();
        }
    }

    // ---------------------------------------------------------------- any thread

    /** The connections (not counting ones draining after a scale-down). */
    List<FeedConnection> connections() {
        return snapshot;
    }

    /** True when every connection is up (connected, subscriptions verified). */
    boolean ready() {
        List<FeedConnection> list = snapshot;
        if (list.isEmpty()) {
            return false;
        }
        for (FeedConnection c : list) {
            if (c.state() != ConnectionState.UP) {
                return false;
            }
        }
        return true;
    }

    long rebalanceMoves() {
        return rebalanceMoves;
    }
}
