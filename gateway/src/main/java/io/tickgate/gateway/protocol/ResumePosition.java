package io.tickgate.gateway.protocol;

/** Where a client wants to resume a topic: the last epoch and seq it saw. */
public record ResumePosition(String epoch, long seq) {
}
