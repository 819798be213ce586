package io.tickgate.client;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tickgate.bus.api.Envelope;
import io.tickgate.bus.local.InProcessBroker;
import io.tickgate.gateway.Gateway;
import io.tickgate.gateway.GatewayConfig;
import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.Side;
import io.tickgate.model.event.Trade;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;

/**
 * A real gateway on 127.0.0.1 fed by an {@link InProcessBroker}, with a producer thread publishing trades on a set
 * of topics at a steady rate, and a restart that keeps the port but loses history (a new broker, a new epoch).
 */
final class GatewayHarness implements AutoCloseable {

    private final UnaryOperator<GatewayConfig.Builder> customize;
    private final List<String> symbols;
    private final int ratePerSecond;
    private final Map<String, Long> lastSeq = new ConcurrentHashMap<>();
    private volatile InProcessBroker broker;
    private volatile Gateway gateway;
    private volatile PrometheusMeterRegistry registry;
    private volatile boolean producing;
    private volatile boolean running = true;
    private final Thread producer;
    private int port;
    private long tradeId;

    GatewayHarness(List<String> symbols, int ratePerSecond, UnaryOperator<GatewayConfig.Builder> customize) {
        this.symbols = symbols;
        this.ratePerSecond = ratePerSecond;
        this.customize = customize;
        startGateway(0);
        this.producer = new Thread(this::produce, "harness-producer");
        this.producer.setDaemon(true);
        this.producer.start();
    }

    private void startGateway(int onPort) {
        broker = new InProcessBroker();
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        gateway = Gateway.start(customize.apply(GatewayConfig.builder().host("127.0.0.1").port(onPort)).build(),
                broker, registry);
        port = gateway.port();
        for (String s : symbols) {
            publish(s); // every topic exists before clients subscribe
        }
    }

    static String topic(String symbol) {
        return "sim." + symbol + ".trade";
    }

    String url() {
        return "ws://127.0.0.1:" + port + "/ws";
    }

    Gateway gateway() {
        return gateway;
    }

    /**
     * Another gateway node on the same broker (on a free port): it receives every message with the same epoch and
     * seq as the first, so a client may move between the two and resume. Closed by the caller.
     */
    Gateway startAnotherNode() {
        return Gateway.start(customize.apply(GatewayConfig.builder().host("127.0.0.1").port(0)).build(), broker,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    String epoch() {
        return broker.epoch();
    }

    /** Seq of the last message published on the topic in the current epoch. */
    long lastSeq(String topic) {
        return lastSeq.getOrDefault(topic, 0L);
    }

    void startProducing() {
        producing = true;
    }

    /** Stops publishing and waits until the producer is idle. */
    void stopProducing() {
        producing = false;
        synchronized (this) {
            // the producer publishes under this lock: once we hold it, no publish is in flight
        }
    }

    /** A server restart: the gateway and its in-process history go away; same port, a new epoch. */
    synchronized void restart() {
        gateway.close();
        broker.close();
        lastSeq.clear();
        startGateway(port);
    }

    private synchronized void publish(String symbol) {
        Trade t = new Trade("sim", symbol, Long.toString(++tradeId), Decimal.parse("101.5"), Decimal.parse("0.2"),
                Side.BUY, System.currentTimeMillis());
        Envelope e = broker.publishEnvelope(t);
        lastSeq.put(e.topic().toString(), e.seq());
    }

    private void produce() {
        long tickNanos = TimeUnit.MILLISECONDS.toNanos(10);
        int perTick = Math.max(1, ratePerSecond / 100);
        long next = System.nanoTime();
        int i = 0;
        while (running) {
            if (producing) {
                for (int k = 0; k < perTick && producing; k++) {
                    publish(symbols.get(i++ % symbols.size()));
                }
            }
            next += tickNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else {
                next = System.nanoTime();
            }
        }
    }

    @Override
    public void close() {
        running = false;
        producing = false;
        try {
            producer.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        gateway.close();
        broker.close();
    }
}
