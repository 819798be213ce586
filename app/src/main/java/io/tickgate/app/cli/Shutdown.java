package io.tickgate.app.cli;

import io.tickgate.app.runtime.Components;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a command's components once, in reverse start order within {@link ServiceCommand#SHUTDOWN_MILLIS}: on
 * Ctrl-C / SIGTERM (a shutdown hook), or when the command is done. The command's thread {@link #await}s a stop
 * request (the hook, {@link #requestStop()} from any thread, or a timeout), then calls {@link #stop()}.
 */
final class Shutdown {

    private static final Logger LOG = LoggerFactory.getLogger(Shutdown.class);

    private final Components components;
    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Thread hook;

    private Shutdown(Components components) {
        this.components = components;
        this.hook = new Thread(() -> {
            requested.countDown();
            closeAll();
        }, "tickgate-shutdown-hook");
    }

    /** Registers the shutdown hook. */
    static Shutdown install(Components components) {
        Shutdown s = new Shutdown(components);
        Runtime.getRuntime().addShutdownHook(s.hook);
        return s;
    }

    /** Asks the command's thread to stop (it returns from {@link #await}). Any thread. */
    void requestStop() {
        requested.countDown();
    }

    /** Closes the components (once; waits while the shutdown hook does it). */
    void stop() {
        requested.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs (or ran) closeAll
        }
        closeAll();
    }

    /** Waits for a stop request. */
    void await() throws InterruptedException {
        requested.await();
    }

    /** Waits for a stop request or until {@code millis} passed; true if requested. */
    boolean await(long millis) throws InterruptedException {
        return requested.await(millis, TimeUnit.MILLISECONDS);
    }

    private void closeAll() {
        if (!stopping.compareAndSet(false, true)) {
            try {
                stopped.await(ServiceCommand.SHUTDOWN_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        LOG.info("shutting down");
        Thread closer = new Thread(components::close, "tickgate-shutdown");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(ServiceCommand.SHUTDOWN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive()) {
            LOG.warn("components did not stop within {} ms", ServiceCommand.SHUTDOWN_MILLIS);
        }
        stopped.countDown();
    }
}
