package io.tickgate.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.tickgate.bench.server.BenchServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * Runs one load test against a gateway (see {@link LoadConfig}):
 * <ol>
 *   <li>reads the bench server's load ({@code /api/v1/bench}) and, with {@code memory}, its memory (another
 *       server does not answer that route: then the server's side is not read again);</li>
 *   <li>opens the connections, at most {@code maxPending} handshakes in flight, source addresses round-robin;
 *       each sends its subscribe request on {@code welcome} (or, with {@code subscribeOnOpen}, once open): for
 *       every topic, or with {@code spreadTopics} for one topic, round-robin over the connections;</li>
 *   <li>waits until every connection is subscribed; reads the memory again (idle: only the synthetic load);</li>
 *   <li>warms up, then counts data messages and records latencies for {@code duration}; with a
 *       {@code serverPid}, reads the server's CPU time from /proc at both ends of that window;</li>
 *   <li>closes every connection and reports.</li>
 * </ol>
 * Progress goes to {@code log} (one line every few seconds); the report is returned.
 */
public final class LoadGenerator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long PROGRESS_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long HTTP_TIMEOUT_MILLIS = 5_000;
    private static final long MEMORY_TIMEOUT_MILLIS = 60_000;
    private static final long MEMORY_SETTLE_MILLIS = 2_000;

    private final LoadConfig config;
    private final PrintStream log;
    private final LoadStats stats;

    public LoadGenerator(LoadConfig config, PrintStream log) {
        this.config = config;
        this.log = log;
        this.stats = new LoadStats(config.stamps());
    }

    /** Runs the test; returns within about setup timeout × 2 + warm-up + duration + a few seconds. */
    public LoadReport run() throws InterruptedException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(config.threads(),
                new DefaultThreadFactory("tickgate-bench-client"), NioIoHandler.newFactory());
        ChannelGroup channels = new DefaultChannelGroup("tickgate-bench", GlobalEventExecutor.INSTANCE);
        try {
            return run(group, channels);
        } finally {
            stats.stopping();
            channels.close().awaitUninterruptibly(30, TimeUnit.SECONDS);
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
    }

    private LoadReport run(EventLoopGroup group, ChannelGroup channels) throws InterruptedException {
        // the load, read while the server is idle: an overloaded server may not answer later
        JsonNode infoInitial = http(group, BenchServer.INFO_PATH, HTTP_TIMEOUT_MILLIS);
        JsonNode memBefore = config.memory() ? http(group, BenchServer.MEMORY_PATH, MEMORY_TIMEOUT_MILLIS) : null;
        if (config.memory() && memBefore == null) {
            log.println("bench: no " + BenchServer.MEMORY_PATH + " on the server (not a bench-server?): "
                    + "memory is not measured");
        }
        URI uri = URI.create("ws://" + config.host() + ":" + config.port() + config.path());
        Semaphore pending = new Semaphore(config.maxPending());
        List<String> requests = config.spreadTopics()
                ? config.topics().stream().map(t -> subscribeRequest(List.of(t))).toList()
                : List.of(subscribeRequest(config.topics()));
        AtomicInteger nextRequest = new AtomicInteger();
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.handshakeTimeout().toMillis())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        channels.add(ch);
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(65_536),
                                new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                                        .webSocketUri(uri)
                                        .handshakeTimeoutMillis(config.handshakeTimeout().toMillis())
                                        .handleCloseFrames(false)
                                        .dropPongFrames(true)
                                        .maxFramePayloadLength(1 << 20)
                                        // the server is the system under test; validating every byte of every
                                        // text frame was the client's largest cost in the profile
                                        .withUTF8Validator(false)
                                        .build()),
                                new LoadClientHandler(stats, pending,
                                        requests.get(nextRequest.getAndIncrement() % requests.size()),
                                        config.subscribeOnOpen()));
                    }
                });

        long start = System.nanoTime();
        connect(bootstrap, pending, start + config.setupTimeout().toNanos());
        double connectSeconds = (System.nanoTime() - start) / 1e9;
        log.printf("bench: %d/%d connections established in %.1f s%n", stats.established.get(),
                config.connections(), connectSeconds);
        awaitSubscribed(System.nanoTime() + config.setupTimeout().toNanos());

        JsonNode memAfter = null;
        if (memBefore != null) {
            Thread.sleep(MEMORY_SETTLE_MILLIS);
            memAfter = http(group, BenchServer.MEMORY_PATH, MEMORY_TIMEOUT_MILLIS);
        }
        long primeMillis = config.warmup().toMillis() / 2;
        Thread.sleep(primeMillis);
        if (infoInitial != null) {
            // a throwaway query while warming up: the first HTTP answer the server gives under load takes branches
            // its compiled hot paths (pipeline writes, flushes, reads) never saw, and the JIT recompiles them; at
            // the window's start that recompilation fell into the window (seen at 20k: tier-4 pipeline methods made
            // not entrant the moment the window's query came; max latency 25-91 ms then, 9-27 ms with this query)
            http(group, BenchServer.INFO_PATH, HTTP_TIMEOUT_MILLIS);
        }
        Thread.sleep(config.warmup().toMillis() - primeMillis);

        stats.resetLatency();
        JsonNode infoStart = infoInitial == null ? null : http(group, BenchServer.INFO_PATH, HTTP_TIMEOUT_MILLIS);
        ProcessCpu cpu = config.serverPid() > 0 ? ProcessCpu.of(config.serverPid()) : null;
        ProcessCpu.Reading cpu0 = cpu == null ? null : cpu.read();
        long m0 = stats.messages.sum();
        long b0 = stats.bytes.sum();
        double loadStart = loadAverage();
        long t0 = System.nanoTime();
        Thread.sleep(config.duration().toMillis());
        long m1 = stats.messages.sum();
        long b1 = stats.bytes.sum();
        double seconds = (System.nanoTime() - t0) / 1e9;
        ProcessCpu.Reading cpu1 = cpu == null ? null : cpu.read();
        Histogram stamp = stats.stampLatency();
        Histogram ts = stats.tsLatency();
        JsonNode infoEnd = infoInitial == null ? null : http(group, BenchServer.INFO_PATH, HTTP_TIMEOUT_MILLIS);
        stats.stopping();

        int established = stats.established.get();
        LoadReport.Connections connections = new LoadReport.Connections(config.connections(), established,
                stats.connectFailures.get(), stats.handshakeFailures.get(), LoadReport.round(connectSeconds),
                LoadReport.round(established / Math.max(connectSeconds, 1e-9)), stats.subscribedConnections.get(),
                stats.subscriptions.sum(), stats.snapshots.sum(), stats.disconnects.get());
        Double expected = null;
        if (infoInitial != null && infoInitial.path("topics").asInt() > 0) {
            expected = LoadReport.round(stats.subscriptions.sum() * infoInitial.path("ratePerSecond").asDouble()
                    / infoInitial.path("topics").asInt());
        }
        LoadReport.Delivery delivery = new LoadReport.Delivery(m1 - m0, LoadReport.round(seconds),
                LoadReport.round((m1 - m0) / seconds), LoadReport.round((b1 - b0) / seconds), expected);
        LoadReport.Latency tsLatency = LoadReport.Latency.of("ts", ts);
        LoadReport.Latency latency = stamp.getTotalCount() > 0 ? LoadReport.Latency.of("stamp", stamp) : tsLatency;
        return new LoadReport(
                new LoadReport.Setup(uri.toString(), config.topics(), config.sourceAddresses().size(),
                        config.threads(), config.warmup().toMillis() / 1e3, config.duration().toMillis() / 1e3,
                        List.of(loadStart, loadAverage())),
                connections, delivery, latency, tsLatency, stats.errors(), stats.closeCodes(),
                List.copyOf(stats.errorSamples()), server(infoInitial, infoStart, infoEnd, seconds),
                memory(memBefore, memAfter, established), serverCpu(cpu, cpu0, cpu1, m1 - m0, seconds));
    }

    private void connect(Bootstrap bootstrap, Semaphore pending, long deadline) throws InterruptedException {
        InetSocketAddress remote = new InetSocketAddress(config.host(), config.port());
        List<InetAddress> sources = config.sourceAddresses();
        long nextProgress = System.nanoTime() + PROGRESS_NANOS;
        for (int i = 0; i < config.connections(); i++) {
            if (!pending.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                log.println("bench: connect phase timed out after " + i + " attempts");
                break;
            }
            ChannelFuture f = sources.isEmpty() ? bootstrap.connect(remote)
                    : bootstrap.connect(remote, new InetSocketAddress(sources.get(i % sources.size()), 0));
            f.addListener(done -> {
                if (!done.isSuccess()) {
                    stats.connectFailures.incrementAndGet();
                    stats.sample("connect: " + done.cause());
                    pending.release();
                }
            });
            if (System.nanoTime() > nextProgress) {
                nextProgress += PROGRESS_NANOS;
                progress("connecting");
            }
        }
        // every permit back = every attempt settled (handshake done or failed)
        if (pending.tryAcquire(config.maxPending(), Math.max(0, deadline - System.nanoTime()),
                TimeUnit.NANOSECONDS)) {
            pending.release(config.maxPending());
        } else {
            log.println("bench: some handshakes still pending at the setup timeout");
        }
    }

    private void awaitSubscribed(long deadline) throws InterruptedException {
        long nextProgress = System.nanoTime() + PROGRESS_NANOS;
        int last = -1;
        long lastChange = System.nanoTime();
        while (System.nanoTime() < deadline) {
            int done = stats.subscribedConnections.get();
            if (done >= stats.established.get() - stats.disconnects.get()) {
                return;
            }
            long now = System.nanoTime();
            if (done != last) {
                last = done;
                lastChange = now;
            } else if (now - lastChange > STALL_NANOS) {
                log.println("bench: subscriptions stalled at " + done + " connections");
                return;
            }
            if (now > nextProgress) {
                nextProgress += PROGRESS_NANOS;
                progress("subscribing");
            }
            Thread.sleep(20);
        }
        log.println("bench: subscribe phase timed out");
    }

    private void progress(String phase) {
        log.printf("bench: %s: %d established, %d subscribed, %d failed%n", phase, stats.established.get(),
                stats.subscribedConnections.get(), stats.connectFailures.get() + stats.handshakeFailures.get());
    }

    private JsonNode http(EventLoopGroup group, String path, long timeoutMillis) {
        return HttpJson.get(group, config.host(), config.port(), path, timeoutMillis);
    }

    /** The 1-minute load average, -1 if unreadable. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static String subscribeRequest(List<String> topics) {
        ObjectNode req = JSON.createObjectNode();
        req.put("type", "subscribe");
        req.put("id", "bench");
        ArrayNode arr = req.putArray("topics");
        topics.forEach(arr::add);
        return req.toString();
    }

    /** The server's side; the deltas are -1 when the server did not answer at the start or end of the window. */
    private static LoadReport.Server server(JsonNode initial, JsonNode a, JsonNode b, double seconds) {
        if (initial == null) {
            return null;
        }
        if (a == null || b == null) {
            return new LoadReport.Server(initial.path("topics").asInt(), initial.path("ratePerSecond").asDouble(),
                    -1, -1, -1, -1, -1, -1);
        }
        return new LoadReport.Server(a.path("topics").asInt(), a.path("ratePerSecond").asDouble(),
                LoadReport.round(delta(a, b, "published") / seconds),
                LoadReport.round(delta(a, b, "messagesOut") / seconds),
                delta(a, b, "hubDropped"), delta(a, b, "hubGaps"), delta(a, b, "hubWaits"),
                delta(a, b, "slowConsumerDisconnects"));
    }

    private static LoadReport.ServerCpu serverCpu(ProcessCpu cpu, ProcessCpu.Reading a, ProcessCpu.Reading b,
                                                  long messages, double seconds) {
        if (cpu == null) {
            return null;
        }
        if (a.seconds() < 0 || b.seconds() < 0) {
            return new LoadReport.ServerCpu(cpu.pid(), 0, cpu.ticksPerSecond(), -1, -1, -1);
        }
        double used = b.seconds() - a.seconds();
        return new LoadReport.ServerCpu(cpu.pid(), b.processes(), cpu.ticksPerSecond(), LoadReport.round2(used),
                messages > 0 ? LoadReport.round2(used * 1e6 / messages) : -1, LoadReport.round2(used / seconds));
    }

    private static long delta(JsonNode a, JsonNode b, String field) {
        return b.path(field).asLong() - a.path(field).asLong();
    }

    private static LoadReport.Memory memory(JsonNode before, JsonNode after, int connections) {
        if (before == null || after == null) {
            return null;
        }
        long n = Math.max(1, connections);
        return new LoadReport.Memory(connections,
                before.path("heapUsedBytes").asLong(-1), after.path("heapUsedBytes").asLong(-1),
                before.path("rssBytes").asLong(-1), after.path("rssBytes").asLong(-1),
                before.path("directBytes").asLong(-1), after.path("directBytes").asLong(-1),
                before.path("kernelTcpBytes").asLong(-1), after.path("kernelTcpBytes").asLong(-1),
                delta(before, after, "heapUsedBytes") / n, delta(before, after, "rssBytes") / n,
                delta(before, after, "kernelTcpBytes") / n);
    }
}
