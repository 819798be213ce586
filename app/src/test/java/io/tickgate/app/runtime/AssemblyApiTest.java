package io.tickgate.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickgate.app.config.ConfigLoader;
import io.tickgate.gateway.publish.ApiConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The {@code gateway.api} configuration section reaches the gateway's API settings. */
@Timeout(10)
class AssemblyApiTest {

    private final ConfigLoader loader = new ConfigLoader();

    @Test
    void defaultsHaveNoKeys() {
        assertThat(Assembly.api(loader.load(null, Map.of(), List.of()).gateway().api())).isEqualTo(ApiConfig.DEFAULT);
    }

    @Test
    void keysComeFromTheEnvironmentAsACommaSeparatedList() {
        ApiConfig api = Assembly.api(loader.load(null, Map.of("TICKGATE_GATEWAY_API_KEYS",
                "key-one-0123456789, key-two-0123456789"), List.of("gateway.api.maxPublishBytes=1024"))
                .gateway().api());
        assertThat(api.keys()).containsExactly("key-one-0123456789", "key-two-0123456789");
        assertThat(api.maxPublishBytes()).isEqualTo(1024);
    }

    @Test
    void shortKeysAreRefused() {
        assertThatThrownBy(() -> Assembly.api(loader.load(null, Map.of(), List.of("gateway.api.keys=short"))
                .gateway().api())).hasMessageContaining("16 characters");
    }
}
