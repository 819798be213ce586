package io.tickgate.bus.redis;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.micrometer.core.instrument.MeterRegistry;
import io.tickgate.bus.api.Broker;
import io.tickgate.bus.api.BrokerSettings;
import io.tickgate.bus.api.Envelope;
import io.tickgate.bus.api.EnvelopeListener;
import io.tickgate.bus.api.History;
import io.tickgate.bus.api.Subscription;
import io.tickgate.bus.api.TopicListener;
import io.tickgate.bus.codec.EventCodec;
import io.tickgate.bus.lease.FenceListeners;
import io.tickgate.bus.lease.Fenced;
import io.tickgate.bus.lease.TopicClaim;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.topic.Topic;
import io.tickgate.model.topic.TopicPattern;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis engine (standalone Redis or a Redis Cluster) through Lettuce. Every node that publishes or subscribes
 * shares the topics' seq, epoch, history and state in Redis (key layout in {@link RedisKeys}, docs/architecture.md
 * "Brokers"):
 * <ul>
 *   <li>publish: a bounded queue and a writer thread sending batches, one atomic script call per batch (and cluster
 *       slot) that numbers, stores and fans out ({@link Publisher});</li>
 *   <li>subscribe: per topic, only while a local listener wants it; an image (state at seq S) then the live messages
 *       after S ({@link Subscriptions});</li>
 *   <li>history: the topic's stream after a seq, read atomically with its head.</li>
 * </ul>
 * Failure: if Redis is unreachable at start the broker still starts, says so in {@link #problem()} and retries
 * every second; while Redis is lost, publishes queue up to the bound and then drop (counted), and Lettuce reconnects.
 * When the connection is back, the topics this node publishes are put back in the topic directory at once
 * ({@link Announcer}): a Redis restarted empty lost them.
 */
public final class RedisBroker implements Broker {

    private static final Logger log = LoggerFactory.getLogger(RedisBroker.class);
    private static final long RETRY_MILLIS = 1_000;
    private static final long CHECK_MILLIS = 200;

    private final RedisEndpoint endpoint;
    private final BrokerSettings settings;
    private final RedisKeys keys;
    private final DirectoryLookup directoryLookup;
    private final RedisMetrics metrics;
    private final ClientResources resources;
    private final ScheduledExecutorService control;
    private final Publisher publisher;
    private final Subscriptions subscriptions;
    private final Announcer announcer;
    private final RedisPresence presence;
    private final RedisLeases leases;
    private final FenceListeners fences = new FenceListeners();
    private volatile RedisLink link;
    private volatile String problem;
    private volatile boolean closed;
    private int failedConnects;

    /**
     * Creates the broker and tries to connect once (bounded by the command timeout); on failure it logs the cause
     * and keeps retrying in the background.
     */
    public RedisBroker(RedisEndpoint endpoint, BrokerSettings settings, MeterRegistry registry) {
        this.endpoint = endpoint;
        this.settings = settings;
        this.keys = new RedisKeys(settings.keyPrefix());
        this.directoryLookup = new DirectoryLookup(keys.directory());
        this.metrics = new RedisMetrics(registry);
        this.resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2).build();
        this.control = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tickgate-redis-control");
            t.setDaemon(true);
            return t;
        });
        this.problem = "redis not connected yet (" + endpoint.display() + ")";
        this.subscriptions = new Subscriptions(keys, metrics, control, () -> link, this::history);
        this.announcer = new Announcer(keys, metrics, subscriptions::topicSeen);
        this.publisher = new Publisher(settings, keys, metrics, () -> link, announcer, fences);
        this.leases = new RedisLeases(settings.keyPrefix(), () -> link);
        metrics.gauges(this, b -> b.publisher.queueDepth(), b -> b.problem == null ? 1 : 0,
                b -> b.subscriptions.subscribedTopics());
        this.presence = new RedisPresence(settings.keyPrefix(), () -> link);
        publisher.start();
        try {
            control.submit(this::connect).get(settings.commandTimeoutMillis() * 3 + 1_000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.warn("redis broker: first connection attempt to {} still running; continuing in the background",
                    endpoint.display());
        }
        control.scheduleWithFixedDelay(this::check, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Control thread: one connection attempt; schedules the next on failure. */
    private void connect() {
        if (closed || link != null) {
            return;
        }
        try {
            RedisLink l = RedisLink.connect(endpoint, resources, settings, subscriptions);
            link = l;
            failedConnects = 0;
            log.info("redis broker connected to {}", endpoint.display());
            subscriptions.onConnected(l);
            // this node's topics (its feeds' declared ones) are in the directory before it reports ready, so a
            // node that asks the directory for one of them finds it
            awaitQuietly(announcer.all(l));
            problem = null;
        } catch (RuntimeException e) {
            String cause = rootMessage(e);
            problem = "redis unreachable at " + endpoint.display() + ": " + cause + "; retrying every "
                    + RETRY_MILLIS / 1000 + " s";
            if (failedConnects++ % 30 == 0) {
                log.error("redis broker: cannot connect to {}: {}; retrying every {} ms (publishes queue up to {} "
                        + "events, then drop)", endpoint.display(), cause, RETRY_MILLIS, settings.queueCapacity());
            }
            control.schedule(this::connect, RETRY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Control thread, periodic: the health flag and resubscriptions after reconnects. */
    private void check() {
        RedisLink l = link;
        if (l == null || closed) {
            return;
        }
        try {
            String topology = l.checkTopology();
            String p = subscriptions.check(l);
            if (topology != null) {
                p = topology;
            } else if (!l.commandsOpen()) {
                p = "redis connection to " + endpoint.display() + " lost; reconnecting";
            }
            if (p == null) {
                p = publisher.stalled(); // a frozen Redis keeps its sockets open
            }
            if (p != null && problem == null) {
                log.warn("redis broker: {}", p);
            } else if (p == null && problem != null) {
                log.info("redis broker: connection to {} is back", endpoint.display());
                // Redis may have restarted empty: put this node's topics back in the directory before their next
                // publish (a node started meanwhile refuses topics it does not know)
                announcer.all(l);
            }
            problem = p;
            if (p == null) {
                announcer.retry(l);
            }
        } catch (RuntimeException e) {
            log.warn("redis broker: health check failed", e);
        }
    }

    /** Waits (bounded by the command timeout) for {@code f}; its failures are retried elsewhere. */
    private void awaitQuietly(CompletableFuture<?> f) {
        try {
            f.get(settings.commandTimeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("redis broker: this node's topics not yet in the directory of {}: {}; retrying",
                    endpoint.display(), rootMessage(e));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    @Override
    public boolean publish(MarketEvent event) {
        return publisher.offer(event, 0);
    }

    @Override
    public boolean publish(MarketEvent event, long generation) {
        return publisher.offer(event, generation);
    }

    @Override
    public CompletableFuture<TopicClaim> claim(Topic topic, long generation) {
        RedisLink l = link;
        if (l == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("redis not connected"));
        }
        return l.eval(LuaScript.FENCE, new String[] {keys.topicKeys(topic)[0]}, Long.toString(generation))
                .toCompletableFuture().thenApply(r -> {
                    String last = String.valueOf(r.get(2));
                    int bar = last.indexOf('|');
                    return new TopicClaim("1".equals(String.valueOf(r.get(0))),
                            Long.parseLong(String.valueOf(r.get(1))),
                            bar < 0 ? null : EventCodec.decode(topic, last.substring(bar + 1)).event());
                });
    }

    @Override
    public FenceListeners fencing() {
        return fences;
    }

    @Override
    public RedisLeases leases() {
        return leases;
    }

    @Override
    public Subscription subscribe(EnvelopeListener listener) {
        return subscriptions.subscribeAll(listener);
    }

    @Override
    public Subscription subscribe(Topic topic, TopicListener listener) {
        return subscriptions.subscribe(topic, listener, true);
    }

    @Override
    public Subscription subscribe(TopicPattern pattern, TopicListener listener) {
        return subscriptions.subscribe(pattern::matches, listener, true);
    }

    @Override
    public CompletableFuture<History> history(Topic topic, String epoch, long afterSeq) {
        RedisLink l = link;
        if (l == null) {
            return CompletableFuture.failedFuture(new IllegalStateException(problem));
        }
        String[] k = keys.topicKeys(topic);
        return l.eval(LuaScript.HISTORY, new String[] {k[0], k[1]}, epoch == null ? "" : epoch,
                Long.toString(afterSeq), Long.toString(settings.historyMaxAgeMillis(topic.channel())),
                Integer.toString(settings.historySize(topic.channel())))
                .thenApply(r -> history(topic, r)).toCompletableFuture();
    }

    private static History history(Topic topic, List<Object> r) {
        if (r.isEmpty()) {
            return History.gone(topic, null, 0);
        }
        String epoch = String.valueOf(r.get(0));
        long head = Long.parseLong(String.valueOf(r.get(1)));
        if ("gone".equals(String.valueOf(r.get(2)))) {
            return History.gone(topic, epoch, head);
        }
        List<Envelope> out = new ArrayList<>((r.size() - 3) / 2);
        for (int i = 3; i + 1 < r.size(); i += 2) {
            out.add(WireFormat.envelope(topic, epoch, Long.parseLong(String.valueOf(r.get(i))),
                    String.valueOf(r.get(i + 1))));
        }
        return new History(topic, epoch, head, false, out);
    }

    @Override
    public Set<Topic> topics() {
        return subscriptions.known();
    }

    @Override
    public CompletableFuture<Void> declare(Collection<Topic> topics) {
        return announcer.declared(link, topics);
    }

    /**
     * Asks the topic directory: SISMEMBER for an exact topic, else the directory's members that match. What it finds
     * this node knows from then on ({@link #topics()}), as if announced.
     */
    @Override
    public CompletableFuture<Set<Topic>> lookup(TopicPattern pattern) {
        RedisLink l = link;
        if (l == null) {
            return CompletableFuture.failedFuture(new IllegalStateException(problem));
        }
        return directoryLookup.lookup(l, pattern, subscriptions::topicSeen);
    }

    @Override
    public RedisPresence presence() {
        return presence;
    }

    @Override
    public String problem() {
        return problem;
    }

    /** Events waiting to be sent. */
    public int queueDepth() {
        return publisher.queueDepth();
    }

    /** Events stored by Redis so far (both classes). */
    public long publishedCount() {
        return metrics.publishedTotal();
    }

    /** Events lost before Redis numbered them (queue full, failed calls). */
    public long droppedCount() {
        return metrics.droppedTotal();
    }

    /** Events dropped because the queue was full. */
    public long droppedQueueFullCount() {
        return metrics.droppedQueueFull();
    }

    /** Publish script calls answered. */
    public long batchCount() {
        return metrics.callsTotal();
    }

    /** Topics this node is subscribed to in Redis. */
    public int subscribedTopics() {
        return subscriptions.subscribedTopics();
    }

    /**
     * Stops: waits up to 1 s for queued events to be sent, then closes the connections. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        publisher.stop(1_000);
        presence.close(); // a clean shutdown removes this process's nodes from the registry
        closed = true;
        control.shutdownNow();
        try {
            control.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        RedisLink l = link;
        link = null;
        if (l != null) {
            l.close();
        }
        resources.shutdown(0, 1, TimeUnit.SECONDS);
    }
}
