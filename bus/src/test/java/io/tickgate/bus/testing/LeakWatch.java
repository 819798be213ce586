package io.tickgate.bus.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Netty's leak detector at PARANOID (every buffer tracked) with its reports captured: {@link #leaks()} collects
 * garbage, makes the detector look at what was collected, and returns the {@code LEAK:} reports.
 */
public final class LeakWatch implements AutoCloseable {

    private final ResourceLeakDetector.Level before = ResourceLeakDetector.getLevel();
    private final Logger logger = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    /**
     * Starts watching. Garbage from before (earlier tests in the same JVM, whose buffers the detector sampled) is
     * reported first, to the log only: what {@link #leaks()} returns is what leaked after this. (Netty reports a given
     * trace once; those earlier buffers were tracked at the suite's level, without the access records every buffer
     * tracked from here on carries, so their traces cannot stand in for this test's.)
     */
    public LeakWatch() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        try {
            collect();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        appender.start();
        logger.addAppender(appender);
    }

    /** The leak reports so far (after a GC and a few tracked allocations, which is when Netty reports). */
    public List<String> leaks() throws InterruptedException {
        collect();
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains("LEAK"))
                .toList();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        ResourceLeakDetector.setLevel(before);
    }

    /** Collects garbage and allocates a little: Netty reports what was collected unreleased. */
    private static void collect() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
            for (int j = 0; j < 100; j++) {
                ByteBuf b = ByteBufAllocator.DEFAULT.directBuffer(16);
                b.release();
            }
        }
    }
}
