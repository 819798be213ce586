package io.tickgate.client.example;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickgate.client.ClientConfig;
import io.tickgate.client.ClientListener;
import io.tickgate.client.Gap;
import io.tickgate.client.TickgateClient;
import io.tickgate.client.TopicMessage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.concurrent.CountDownLatch;

/**
 * A toy "strategy": follows a {@code book.top} topic and prints the mid price {@code (bid + ask) / 2} whenever it
 * changes, in exact decimal arithmetic. Shows the client's lifecycle, gap handling and state callbacks.
 *
 * <pre>
 * java -cp ... io.tickgate.client.example.MidPriceStrategy [ws://localhost:8080/ws] [binance.BTCUSDT.book.top] [seconds]
 * </pre>
 * (docs/protocol.md, "Java client", shows how to run it with Maven against the demo.)
 */
public final class MidPriceStrategy implements AutoCloseable {

    private final TickgateClient client;
    private BigDecimal lastMid; // dispatcher thread only

    public MidPriceStrategy(String url, String topic) {
        this.client = new TickgateClient(ClientConfig.builder(url).build(), new ClientListener() {
            @Override
            public void onState(State state, int attempt, String detail) {
                System.out.printf("connection %s (attempt %d) %s%n", state, attempt, detail);
            }

            @Override
            public void onGap(Gap gap) {
                // the state is rebuilt from the snapshot that follows; a real strategy might pause trading here
                System.out.printf("gap on %s: %s; waiting for a fresh snapshot%n", gap.topic(), gap.reason());
            }

            @Override
            public void onServerError(JsonNode error) {
                System.out.println("server error: " + error);
            }
        });
        client.subscribe(topic, this::onTop);
    }

    /** Starts the connection. */
    public MidPriceStrategy start() {
        client.connect();
        return this;
    }

    private void onTop(TopicMessage m) {
        JsonNode d = m.data();
        if (!d.hasNonNull("bid") || !d.hasNonNull("ask")) {
            return;
        }
        BigDecimal mid = mid(d.get("bid").asText(), d.get("ask").asText());
        if (!mid.equals(lastMid)) {
            lastMid = mid;
            System.out.printf("%s seq %d mid %s%n", m.topic(), m.seq(), mid.toPlainString());
        }
    }

    /** {@code (bid + ask) / 2}, exact: halving a decimal needs at most one more digit. */
    public static BigDecimal mid(String bid, String ask) {
        BigDecimal sum = new BigDecimal(bid).add(new BigDecimal(ask));
        return sum.divide(BigDecimal.valueOf(2), sum.scale() + 1, RoundingMode.UNNECESSARY).stripTrailingZeros();
    }

    @Override
    public void close() {
        client.close();
    }

    /** Arguments: [url] [topic] [seconds to run, 0 = until killed]. */
    public static void main(String[] args) throws InterruptedException {
        String url = args.length > 0 ? args[0] : "ws://localhost:8080/ws";
        String topic = args.length > 1 ? args[1] : "binance.BTCUSDT.book.top";
        long seconds = args.length > 2 ? Long.parseLong(args[2]) : 0;
        MidPriceStrategy strategy = new MidPriceStrategy(url, topic).start();
        Runtime.getRuntime().addShutdownHook(new Thread(strategy::close));
        CountDownLatch forever = new CountDownLatch(1);
        if (seconds > 0) {
            forever.await(seconds, java.util.concurrent.TimeUnit.SECONDS);
            strategy.close();
        } else {
            forever.await();
        }
    }
}
