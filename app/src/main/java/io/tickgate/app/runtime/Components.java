package io.tickgate.app.runtime;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The started parts of one process. Each part is registered right after it starts; {@link #close()} closes them in
 * reverse order (the last started is the first stopped), and
 * a part that fails to close does not keep the others open.
 */
public final class Components implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Components.class);

    private final Deque<Named> started = new ArrayDeque<>();

    /** Registers a started part and returns it. */
    public <T extends AutoCloseable> T add(String name, T part) {
        started.push(new Named(name, part));
        return part;
    }

    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            Named n = started.pop();
            try {
                n.part.close();
                LOG.info("stopped {}", n.name);
            } catch (Exception e) {
                LOG.warn("stopping {} failed: {}", n.name, e.toString());
            }
        }
    }

    private record Named(String name, AutoCloseable part) {
    }
}
