package io.tickgate.simulator.market;

import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.simulator.instrument.Instrument;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A deterministic simulated market of many instruments over several venues, publishing canonical
 * {@link MarketEvent}s to a sink.
 *
 * <p>Either drive it with its own thread ({@link #start()}: a small batch every
 * {@link SimulatorConfig#tickMillis()} at {@link SimulatorConfig#eventsPerSecond()}, parked in between, never
 * catching up more than 100 ms of backlog at once), or step it by hand without a wall clock ({@link #step(long, int)},
 * for tests). Events reach the sink on the thread that generates them. All engine state has that one writer;
 * other threads read it through {@link #book(String, String)}, which runs on the driver thread.
 *
 * <pre>{@code
 * MarketSimulator sim = new MarketSimulator(SimulatorConfig.builder().seed(42)
 *         .venue(Venue.of("binance"), SymbolFormat.CONCATENATED).build(), broker::publish);
 * sim.start();
 * ...
 * sim.close();
 * }</pre>
 */
public final class MarketSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MarketSimulator.class);
    private static final long MAX_BACKLOG_MILLIS = 100;
    private static final long CLOSE_WAIT_MILLIS = 1000;

    private final SimulatorConfig config;
    private final EventEmitter emitter;
    private final MarketEngine engine;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Object lifecycle = new Object();
    private volatile Thread driver;
    private volatile boolean running;
    private volatile boolean closed;

    /**
     * Creates a stopped simulator.
     *
     * @param config the configuration
     * @param sink   receives every event, on the generating thread; exceptions it throws are counted and logged
     */
    public MarketSimulator(SimulatorConfig config, Consumer<? super MarketEvent> sink) {
        this.config = Objects.requireNonNull(config, "config");
        this.emitter = new EventEmitter(Objects.requireNonNull(sink, "sink"));
        this.engine = new MarketEngine(config, emitter);
    }

    /** The simulated instruments: source, symbol, decimals; in the order of the configured venues. */
    public List<Instrument> symbols() {
        return engine.instruments();
    }

    public SimulatorConfig config() {
        return config;
    }

    /**
     * Starts the driver thread.
     *
     * @throws IllegalStateException if already started or closed
     */
    public void start() {
        synchronized (lifecycle) {
            if (closed || driver != null) {
                throw new IllegalStateException(closed ? "closed" : "already started");
            }
            running = true;
            driver = new Thread(this::drive, "tickgate-market-simulator");
            driver.setDaemon(true);
            driver.start();
        }
    }

    /**
     * Generates at least {@code n} events at {@code nowMillis}, on the calling thread (the last market action is
     * completed, so a few more may come). The first step publishes every symbol's opening book snapshot, top of book
     * and ticker. Deterministic: the same seed and the same calls give the same events.
     *
     * @return the number of events published
     * @throws IllegalStateException if the driver thread is running (it owns the engine)
     */
    public int step(long nowMillis, int n) {
        if (driver != null) {
            throw new IllegalStateException("the driver thread owns the engine; step() is for a stopped simulator");
        }
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0: " + n);
        }
        return engine.step(nowMillis, n);
    }

    /**
     * The engine's current full book of a symbol (the state the published snapshot and deltas lead to), read on the
     * engine's owner thread. Completes with null for an unknown symbol.
     */
    public CompletableFuture<BookSnapshot> book(String source, String symbol) {
        CompletableFuture<BookSnapshot> f = new CompletableFuture<>();
        Runnable task = () -> f.complete(engine.book(source, symbol));
        if (driver == null) {
            task.run();
        } else if (!running) {
            f.completeExceptionally(new IllegalStateException("closed"));
        } else {
            tasks.add(task);
            if (!running && tasks.remove(task)) {
                f.completeExceptionally(new IllegalStateException("closed"));
            }
        }
        return f;
    }

    /**
     * Runs a task on the engine's owner thread between two steps (at once on the calling thread when the driver is
     * not started), so that it sees a consistent engine state, e.g. to register a subscriber and send it a snapshot
     * before the next delta. Tasks submitted after close are not run.
     */
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        if (driver == null) {
            task.run();
        } else if (running) {
            tasks.add(task);
        }
    }

    /**
     * Puts one of this simulator's symbols into the hot regime (picked {@code 12}× as often as a calm one, trading
     * more) or the calm one, on the engine's thread from its next step. With switching regimes (no
     * {@link SimulatorConfig#fixedHotSymbols()}) a later random switch may change it again.
     *
     * @throws IllegalArgumentException for a symbol this simulator does not list
     */
    public void heat(String symbol, boolean hot) {
        Instrument instrument = engine.instruments().stream().filter(i -> i.symbol().equals(symbol)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no such symbol: " + symbol));
        execute(() -> engine.heat(instrument, hot));
    }

    /** Events published so far (any thread). */
    public long eventsPublished() {
        return emitter.published();
    }

    /** Events the sink threw on so far (any thread). */
    public long sinkFailures() {
        return emitter.sinkFailures();
    }

    private void drive() {
        long tickNanos = TimeUnit.MILLISECONDS.toNanos(config.tickMillis());
        double perNano = config.eventsPerSecond() / 1e9;
        long maxBacklog = Math.max(1, config.eventsPerSecond() * MAX_BACKLOG_MILLIS / 1000);
        long start = System.nanoTime();
        long generated = 0;
        long skipped = 0;
        long next = start;
        try {
            while (running) {
                runTasks();
                long target = (long) ((System.nanoTime() - start) * perNano) - skipped;
                long deficit = target - generated;
                if (deficit > maxBacklog) {
                    skipped += deficit - maxBacklog;
                    deficit = maxBacklog;
                }
                if (deficit > 0) {
                    generated += engine.step(config.clock().getAsLong(), (int) deficit);
                }
                next += tickNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(this, wait);
                } else {
                    next = System.nanoTime();
                }
            }
        } catch (RuntimeException e) {
            LOG.error("market simulator stopped on an engine failure", e);
            running = false;
        } catch (Error e) {
            running = false;
            throw e; // the process's uncaught-error handler ends the process
        } finally {
            runTasks();
        }
    }

    private void runTasks() {
        Runnable t;
        while ((t = tasks.poll()) != null) {
            t.run();
        }
    }

    /** True while the driver thread runs. */
    public boolean isRunning() {
        return running;
    }

    /** Stops the driver thread (waits at most 1 s for it). Idempotent. */
    @Override
    public void close() {
        Thread t;
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            running = false;
            t = driver;
        }
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(CLOSE_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
