package io.tickgate.app.runtime;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fail fast: an {@link Error} that escapes any thread (a hub shard, a feed processing thread, the market simulator)
 * ends the process with {@link #EXIT_CODE}, so a supervisor restarts it instead of it running on with a component
 * dead (an {@code OutOfMemoryError} the JVM raises is handled earlier by {@code -XX:+ExitOnOutOfMemoryError}, which
 * {@code bin/tickgate} always passes). An uncaught exception is logged; the component's readiness check reports the
 * thread it ended.
 */
public final class FatalErrors {

    /** The exit code after a fatal error: the same as the JVM's own for {@code ExitOnOutOfMemoryError}. */
    public static final int EXIT_CODE = 3;

    private static final Logger LOG = LoggerFactory.getLogger(FatalErrors.class);

    private FatalErrors() {
    }

    /** Installs the process-wide handler for uncaught throwables; warns when the JVM would survive an OOM. */
    public static void install() {
        Thread.setDefaultUncaughtExceptionHandler(FatalErrors::uncaught);
        if (!exitsOnOutOfMemory()) {
            LOG.warn("-XX:+ExitOnOutOfMemoryError is off: after an OutOfMemoryError this process may keep running "
                    + "half dead (bin/tickgate passes it; add it to the JVM options otherwise)");
        }
    }

    static void uncaught(Thread thread, Throwable e) {
        if (e instanceof Error) {
            try {
                LOG.error("fatal error in thread {}; exiting with {}", thread.getName(), EXIT_CODE, e);
            } catch (Throwable ignored) {
                // logging may fail too (e.g. out of memory): exit anyway
            }
            Runtime.getRuntime().halt(EXIT_CODE);
        }
        LOG.error("thread {} ended on an uncaught exception", thread.getName(), e);
    }

    /** True when the JVM runs with {@code -XX:+ExitOnOutOfMemoryError}. */
    static boolean exitsOnOutOfMemory() {
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return Boolean.parseBoolean(vm.getVMOption("ExitOnOutOfMemoryError").getValue());
        } catch (RuntimeException notHotSpot) {
            return false;
        }
    }
}
