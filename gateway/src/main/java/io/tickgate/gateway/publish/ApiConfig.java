package io.tickgate.gateway.publish;

import java.util.List;
import java.util.Objects;

/**
 * The server API's settings ({@code gateway.api.*}).
 *
 * @param keys            API keys accepted by {@code POST /api/v1/publish} and
 *                        {@code POST /api/v1/users/{id}/disconnect}
 *                        ({@code Authorization: Bearer KEY} or {@code X-Api-Key: KEY}); each at least 16 characters;
 *                        empty (default) = those endpoints answer 403 to everyone
 * @param maxPublishBytes largest {@code data} of one published message (its compact JSON), from the API and clients
 */
public record ApiConfig(List<String> keys, int maxPublishBytes) {

    /** No keys; 64 KiB messages. */
    public static final ApiConfig DEFAULT = new ApiConfig(List.of(), 65_536);

    public ApiConfig {
        keys = List.copyOf(Objects.requireNonNull(keys, "keys"));
        for (String k : keys) {
            if (k.length() < 16 || !k.strip().equals(k)) {
                throw new IllegalArgumentException("gateway.api.keys: each key needs at least 16 characters and no "
                        + "surrounding spaces");
            }
        }
        if (maxPublishBytes < 2 || maxPublishBytes > 1 << 20) {
            throw new IllegalArgumentException("gateway.api.maxPublishBytes must be 2..1048576, was "
                    + maxPublishBytes);
        }
    }
}
