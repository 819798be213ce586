package io.tickgate.bus.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TestRedisServersTest {

    @Test
    void standaloneStopsAndStartsAgainEmptyOnItsPort() throws Exception {
        Path dir;
        try (RedisServer s = RedisServer.startOnFreePort()) {
            assertThat(s.port()).isNotEqualTo(6379);
            assertThat(Resp.call(s.port(), "SET", "k", "v")).isEqualTo("OK");
            s.stop();
            assertThat(Resp.ping(s.port())).isFalse();
            s.start();
            assertThat(Resp.call(s.port(), "GET", "k")).isNull();
            assertThat(String.valueOf(Resp.call(s.port(), "CONFIG", "GET", "save"))).contains("save, ]");
            dir = Path.of(String.valueOf(((java.util.List<?>) Resp.call(s.port(), "CONFIG", "GET", "dir")).get(1)));
        }
        assertThat(waitGone(dir)).as("server directory removed").isTrue();
    }

    @Test
    void clusterOfThreeMastersIsOkAndSpreadsSlots() throws Exception {
        try (RedisClusterServers c = RedisClusterServers.startThreeMasters()) {
            assertThat(c.ports()).hasSize(3).doesNotContain(6379);
            for (int port : c.ports()) {
                String info = String.valueOf(Resp.call(port, "CLUSTER", "INFO"));
                assertThat(info).contains("cluster_state:ok").contains("cluster_known_nodes:3")
                        .contains("cluster_slots_assigned:16384");
            }
            assertThat(c.url()).startsWith("redis-cluster://127.0.0.1:");
        }
    }

    private static boolean waitGone(Path dir) throws InterruptedException {
        for (int i = 0; i < 100 && Files.exists(dir); i++) {
            Thread.sleep(20);
        }
        return !Files.exists(dir);
    }
}
