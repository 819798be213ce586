package io.tickgate.gateway.tls;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server {@link SslContext} built from PEM files, rebuilt when they change. A thread of its own checks the
 * files' modification time and size every {@link TlsConfig#reloadCheckMillis()} (file reads never run on an event
 * loop); a change builds a new context that new connections use, open connections keep theirs. A change that does
 * not load (e.g. the key written but not yet the chain) is logged and retried at the next check; the old context
 * stays in use meanwhile.
 */
public final class ReloadingSslContext implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReloadingSslContext.class);

    private final TlsConfig config;
    private final ScheduledExecutorService checker;
    private volatile SslContext current;
    private String loadedStamp;
    private String failedStamp;

    private ReloadingSslContext(TlsConfig config, SslContext first, String stamp, boolean watch) {
        this.config = config;
        this.current = first;
        this.loadedStamp = stamp;
        this.checker = watch ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tickgate-tls-reload");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /**
     * Loads the files and starts watching them.
     *
     * @throws IllegalStateException when they cannot be read or do not hold a certificate chain and a matching key
     */
    public static ReloadingSslContext start(TlsConfig config) {
        ReloadingSslContext r = create(config, true);
        r.checker.scheduleWithFixedDelay(r::reloadIfChanged, config.reloadCheckMillis(), config.reloadCheckMillis(),
                TimeUnit.MILLISECONDS);
        log.info("TLS on: certificate {}, key {}, checked for changes every {} ms", config.certificateChainFile(),
                config.privateKeyFile(), config.reloadCheckMillis());
        return r;
    }

    /** Loads the files without a watcher thread (tests call {@link #reloadIfChanged()} themselves). */
    public static ReloadingSslContext load(TlsConfig config) {
        return create(config, false);
    }

    private static ReloadingSslContext create(TlsConfig config, boolean watch) {
        try {
            String stamp = stamp(config);
            return new ReloadingSslContext(config, build(config), stamp, watch);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot load TLS certificate " + config.certificateChainFile()
                    + " / key " + config.privateKeyFile() + ": " + e.getMessage(), e);
        }
    }

    /** The context for a new connection. */
    public SslContext current() {
        return current;
    }

    /**
     * Rebuilds the context when the files changed since the last load.
     *
     * @return true when a new context was loaded
     */
    public synchronized boolean reloadIfChanged() {
        String stamp;
        try {
            stamp = stamp(config);
        } catch (IOException e) {
            log.warn("TLS files not readable ({}); keeping the current certificate", e.toString());
            return false;
        }
        if (stamp.equals(loadedStamp)) {
            return false;
        }
        try {
            current = build(config);
            loadedStamp = stamp;
            failedStamp = null;
            log.info("TLS certificate reloaded from {}", config.certificateChainFile());
            return true;
        } catch (IOException | RuntimeException e) {
            if (!stamp.equals(failedStamp)) { // once per change, not at every check
                log.warn("TLS files changed but do not load ({}); keeping the current certificate", e.toString());
                failedStamp = stamp;
            }
            return false;
        }
    }

    private static SslContext build(TlsConfig c) throws SSLException {
        return SslContextBuilder.forServer(c.certificateChainFile().toFile(), c.privateKeyFile().toFile())
                .sslProvider(SslProvider.JDK)
                .protocols("TLSv1.3", "TLSv1.2")
                .build();
    }

    private static String stamp(TlsConfig c) throws IOException {
        return stamp(c.certificateChainFile()) + "|" + stamp(c.privateKeyFile());
    }

    private static String stamp(Path p) throws IOException {
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
        return a.lastModifiedTime().toMillis() + ":" + a.size() + ":" + a.fileKey();
    }

    @Override
    public void close() {
        if (checker != null) {
            checker.shutdownNow();
        }
    }
}
