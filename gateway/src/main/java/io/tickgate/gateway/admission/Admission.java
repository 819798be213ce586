package io.tickgate.gateway.admission;

import io.netty.util.concurrent.EventExecutor;
import io.tickgate.gateway.metrics.EdgeMetrics;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admission state of one gateway port: open sockets against the global limit, the per-IP table, the trusted
 * proxies. Every decision is a few atomic operations and a map lookup: accepting stays cheap and never blocks.
 *
 * <p>The global limit counts admitted connections. A refused socket stays open until its answer is written (at
 * most {@link AdmissionHandler#REFUSED_ANSWER_MILLIS}); refusals are answered while fewer than {@link #hardLimit()}
 * sockets are open in all, past that a new socket is closed at once without an answer, so a flood can never take the
 * descriptors reserved for upstream connections and ops.
 */
public final class Admission implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Admission.class);
    /** How often per-IP entries with nothing open are forgotten. */
    static final long SWEEP_MILLIS = 60_000;

    private final AdmissionConfig config;
    private final EdgeMetrics metrics;
    private final LongSupplier nanoClock;
    private final IpConnectionTable table;
    private final TrustedProxies proxies;
    private final AtomicInteger sockets = new AtomicInteger();
    private final AtomicInteger admitted = new AtomicInteger();
    private final long fileLimit;
    private final int maxConnections;
    private final int hardLimit;
    private volatile ScheduledFuture<?> sweeper;

    /** Reads the process's open-file limit, derives the global limit when not configured, logs both. */
    public static Admission create(AdmissionConfig config, EdgeMetrics metrics) {
        long fileLimit = FileDescriptorLimit.read();
        Admission a = new Admission(config, metrics, fileLimit, System::nanoTime);
        log.info("open-file limit {}; global connection limit {} ({}), answered refusals up to {}",
                fileLimit < 0 ? "unknown" : fileLimit, a.maxConnections,
                config.maxConnections() > 0 ? "configured" : "open-file limit minus a reserve", a.hardLimit);
        if (fileLimit > 0 && a.hardLimit > fileLimit - FileDescriptorLimit.MIN_RESERVE) {
            log.warn("gateway connection limit {} leaves fewer than {} of the {} open files for upstream connections"
                    + " and ops; lower the limit or raise the process's open-file limit (ulimit -n)",
                    a.maxConnections, FileDescriptorLimit.MIN_RESERVE, fileLimit);
        }
        return a;
    }

    /** For tests: a given open-file limit and clock. */
    public Admission(AdmissionConfig config, EdgeMetrics metrics, long fileLimit, LongSupplier nanoClock) {
        this.config = config;
        this.metrics = metrics;
        this.nanoClock = nanoClock;
        this.fileLimit = fileLimit;
        this.table = new IpConnectionTable(config.maxConnectionsPerIp(), config.connectRatePerIp(),
                config.connectBurstPerIp());
        this.proxies = new TrustedProxies(config.trustedProxies());
        this.maxConnections = config.maxConnections() > 0 ? config.maxConnections()
                : FileDescriptorLimit.defaultMaxConnections(fileLimit);
        this.hardLimit = maxConnections + Math.max(16, maxConnections / 20);
        metrics.admissionGauges(sockets::get, admitted::get, maxConnections, fileLimit);
    }

    public AdmissionConfig config() {
        return config;
    }

    /** The global connection limit in force. */
    public int maxConnections() {
        return maxConnections;
    }

    /** Open sockets past which new ones are closed without an answer. */
    public int hardLimit() {
        return hardLimit;
    }

    /** Sockets open now (admitted, and refused ones not yet closed). */
    public int sockets() {
        return sockets.get();
    }

    /** Admitted connections open now (what the global limit counts). */
    public int admitted() {
        return admitted.get();
    }

    public long fileLimit() {
        return fileLimit;
    }

    /** Schedules the periodic clean-up of the per-IP table on {@code executor}. */
    public void startSweeper(EventExecutor executor) {
        sweeper = executor.scheduleAtFixedRate(() -> table.sweep(nanoClock.getAsLong()), SWEEP_MILLIS,
                SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** A socket from {@code peer} was accepted: counts it and decides. */
    AdmissionTicket admit(InetAddress peer) {
        AdmissionTicket t = new AdmissionTicket(peer);
        if (sockets.incrementAndGet() > hardLimit) {
            refuse(t, Refusal.GLOBAL_OVERFLOW);
            return t;
        }
        if (admitted.incrementAndGet() > maxConnections) {
            admitted.decrementAndGet();
            refuse(t, Refusal.GLOBAL_LIMIT);
            return t;
        }
        t.admitted = true;
        if (!proxies.isEmpty() && proxies.trusts(peer)) {
            t.deferred = true;
            t.proxied = true;
        } else {
            charge(t, peer);
        }
        return t;
    }

    /** The first request behind a trusted proxy named the client: charges its per-IP limits. */
    void admitForwarded(AdmissionTicket t, List<String> forwardedFor) {
        t.deferred = false;
        charge(t, proxies.clientAddress(t.peer, forwardedFor));
    }

    /** The client address of a proxied ticket's request (the peer when it is not a trusted proxy). */
    InetAddress clientAddress(InetAddress peer, List<String> forwardedFor) {
        return proxies.clientAddress(peer, forwardedFor);
    }

    /** The socket closed. Idempotent. */
    void release(AdmissionTicket t) {
        if (t.released) {
            return;
        }
        t.released = true;
        t.cancelTimer();
        sockets.decrementAndGet();
        if (t.admitted) {
            t.admitted = false;
            admitted.decrementAndGet();
        }
        if (t.charged != null) {
            table.release(t.charged);
            t.charged = null;
        }
    }

    /** Counts a connection closed by the handshake timeout. */
    void timedOut() {
        metrics.refused("handshake_timeout");
    }

    private void charge(AdmissionTicket t, InetAddress client) {
        InetAddress key = IpConnectionTable.key(client);
        Refusal r = table.tryAcquire(key, nanoClock.getAsLong());
        if (r == null) {
            t.charged = key;
        } else {
            refuse(t, r);
        }
    }

    private void refuse(AdmissionTicket t, Refusal r) {
        if (t.admitted) {
            t.admitted = false;
            admitted.decrementAndGet();
        }
        t.refusal = r;
        metrics.refused(r.reason());
    }

    @Override
    public void close() {
        ScheduledFuture<?> s = sweeper;
        if (s != null) {
            s.cancel(false);
        }
    }
}
