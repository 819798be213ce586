package io.tickgate.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Publishes waiting for the server's answer, by request id. Used on the client's event loop only; the futures are
 * completed through {@code dispatch} (the listener thread), so code chained on them never runs on the event loop.
 */
final class PendingPublishes {

    private final Map<String, CompletableFuture<Void>> byId = new HashMap<>();
    private final Consumer<Runnable> dispatch;

    PendingPublishes(Consumer<Runnable> dispatch) {
        this.dispatch = dispatch;
    }

    void add(String id, CompletableFuture<Void> answer) {
        byId.put(id, answer);
    }

    /** Completes the publish {@code m} answers ({@code published} or an {@code error} with its id); false if none. */
    boolean answer(JsonNode m) {
        CompletableFuture<Void> f = byId.remove(m.path("id").asText());
        if (f == null) {
            return false;
        }
        if (m.path("type").asText().equals("published")) {
            dispatch.accept(() -> f.complete(null));
        } else {
            PublishException e = new PublishException(m.path("code").asText("ERROR"), m.path("message").asText(""));
            dispatch.accept(() -> f.completeExceptionally(e));
        }
        return true;
    }

    /** The connection is gone: every waiting publish fails with {@code CONNECTION_LOST}. */
    void failAll(String detail) {
        List<CompletableFuture<Void>> waiting = new ArrayList<>(byId.values());
        byId.clear();
        PublishException e = new PublishException("CONNECTION_LOST", detail);
        for (CompletableFuture<Void> f : waiting) {
            dispatch.accept(() -> f.completeExceptionally(e));
        }
    }
}
