package io.tickgate.client;

/** How long to wait before reconnect attempt number {@code attempt} (0 = the first retry). Pluggable. */
@FunctionalInterface
public interface ReconnectDelay {

    long delayMillis(int attempt);
}
