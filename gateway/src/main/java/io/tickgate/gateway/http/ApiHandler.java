package io.tickgate.gateway.http;

import java.util.concurrent.CompletionStage;

/**
 * Serves one API route. Called on the connection's event loop: a handler that waits (a database query, a broker
 * round trip) must do that work elsewhere and complete the returned stage when done. A stage completed
 * exceptionally answers 500; an {@link IllegalArgumentException} thrown or completed answers 400 with its message.
 */
@FunctionalInterface
public interface ApiHandler {

    CompletionStage<ApiResponse> handle(ApiRequest request);
}
