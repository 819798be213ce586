package io.tickgate.bench.load;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/**
 * What one load-generator run does. Validated on construction.
 *
 * @param host              gateway host
 * @param port              gateway port
 * @param path              WebSocket path (default {@value #DEFAULT_PATH})
 * @param sourceAddresses   local addresses to connect from, round-robin (e.g. 127.0.0.2..127.0.0.9: each gives
 *                          about 28,000 ephemeral ports towards one server port); empty = the system's choice
 * @param connections       connections to open (at least 1)
 * @param topics            topics or patterns each connection subscribes to (one request)
 * @param maxPending        handshakes in flight at most (bounds the connect burst)
 * @param threads           client event-loop threads
 * @param warmup            time after every connection subscribed before measuring
 * @param duration          measuring time
 * @param handshakeTimeout  per-connection WebSocket handshake limit
 * @param setupTimeout      limit for the connect phase and for the subscribe phase, each
 * @param memory            read the server's memory ({@code /api/v1/bench/memory}) before connecting and once
 *                          everything is connected and subscribed
 * @param spreadTopics      connection i subscribes to {@code topics[i % topics.size()]} only (each topic gets
 *                          connections / topics subscribers) instead of to every topic
 * @param subscribeOnOpen   send the subscribe request as soon as the WebSocket is open instead of on the server's
 *                          {@code welcome} (for servers that speak only the data subset of protocol v1)
 * @param stamps            time messages by the synthetic source's µs stamp where there is one; false = by the
 *                          protocol's {@code ts} only (the same measure, and the same work, for every server)
 * @param serverPid         the server's process id, to read its CPU time (and its descendants') from
 *                          {@code /proc} over the measurement window; 0 = not measured
 */
public record LoadConfig(String host, int port, String path, List<InetAddress> sourceAddresses, int connections,
                         List<String> topics, int maxPending, int threads, Duration warmup, Duration duration,
                         Duration handshakeTimeout, Duration setupTimeout, boolean memory, boolean spreadTopics,
                         boolean subscribeOnOpen, boolean stamps, long serverPid) {

    public static final String DEFAULT_PATH = "/ws";

    /** Every connection on every topic, subscribing on {@code welcome}, stamps where present, no server CPU. */
    public LoadConfig(String host, int port, String path, List<InetAddress> sourceAddresses, int connections,
                      List<String> topics, int maxPending, int threads, Duration warmup, Duration duration,
                      Duration handshakeTimeout, Duration setupTimeout, boolean memory) {
        this(host, port, path, sourceAddresses, connections, topics, maxPending, threads, warmup, duration,
                handshakeTimeout, setupTimeout, memory, false, false, true, 0);
    }

    public LoadConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host is required");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be 1..65535, not " + port);
        }
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with /, not " + path);
        }
        sourceAddresses = List.copyOf(sourceAddresses);
        if (connections < 1) {
            throw new IllegalArgumentException("connections must be at least 1, not " + connections);
        }
        topics = List.copyOf(topics);
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("at least one topic or pattern is required");
        }
        if (maxPending < 1) {
            throw new IllegalArgumentException("max pending handshakes must be at least 1, not " + maxPending);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
        positive("warmup", warmup, true);
        positive("duration", duration, false);
        positive("handshake timeout", handshakeTimeout, false);
        positive("setup timeout", setupTimeout, false);
        if (serverPid < 0) {
            throw new IllegalArgumentException("server pid must be positive (or 0 = none), not " + serverPid);
        }
    }

    private static void positive(String name, Duration d, boolean zeroOk) {
        if (d == null || d.isNegative() || (!zeroOk && d.isZero())) {
            throw new IllegalArgumentException(name + " must be " + (zeroOk ? "0 or more" : "positive") + ", not " + d);
        }
    }
}
