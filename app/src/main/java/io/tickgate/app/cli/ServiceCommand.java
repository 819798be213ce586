package io.tickgate.app.cli;

import io.tickgate.app.runtime.Components;
import io.tickgate.app.runtime.FatalErrors;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs components until the process is told to stop (Ctrl-C / SIGTERM), then closes them in reverse start order
 * within {@link #SHUTDOWN_MILLIS}. An {@link Error} escaping any thread ends the process ({@link FatalErrors}).
 */
abstract class ServiceCommand implements Callable<Integer> {

    static final long SHUTDOWN_MILLIS = 5_000;

    private static final Logger LOG = LoggerFactory.getLogger(ServiceCommand.class);

    /** Starts the components; what is started first is stopped last. */
    abstract Components start() throws Exception;

    @Override
    public Integer call() throws Exception {
        FatalErrors.install();
        Components components = start();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            LOG.info("shutting down");
            Thread closer = new Thread(components::close, "tickgate-shutdown");
            closer.setDaemon(true);
            closer.start();
            try {
                closer.join(SHUTDOWN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (closer.isAlive()) {
                LOG.warn("components did not stop within {} ms", SHUTDOWN_MILLIS);
            }
            stopped.countDown();
        }, "tickgate-shutdown-hook");
        Runtime.getRuntime().addShutdownHook(hook);
        stopped.await();
        stopped.await(SHUTDOWN_MILLIS, TimeUnit.MILLISECONDS);
        return 0;
    }
}
