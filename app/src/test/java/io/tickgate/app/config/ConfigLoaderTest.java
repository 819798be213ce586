package io.tickgate.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class ConfigLoaderTest {

    private final ConfigLoader loader = new ConfigLoader();

    @Test
    void defaultsRunTheDemo() {
        TickgateConfig c = loader.load(null, Map.of(), List.of());
        assertThat(c.gateway().port()).isEqualTo(8080);
        assertThat(c.gateway().maxFrameBytes()).isEqualTo(65536);
        assertThat(c.simulator().symbolsPerSource()).isGreaterThanOrEqualTo(60);
        assertThat(c.venue("binance").enabled()).isTrue();
        assertThat(c.venue("binance").channels()).containsExactly("trade", "depth@100ms", "ticker");
        assertThat(c.venue("okx").channels()).containsExactly("trades", "books", "tickers");
        assertThat(c.venue("binance").minConnections()).isEqualTo(2);
        assertThat(c.venue("binance").maxConnections()).isEqualTo(4);
        assertThat(c.venue("okx").url()).endsWith("/ws/v5/public");
    }

    @Test
    void feedListsComeFromYamlListsOrCommaSeparatedOverrides(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, "okx:\n  symbols: [BTC-USDT, ETH-USDT]\n  maxConnections: 3\n");
        TickgateConfig c = loader.load(file, Map.of("TICKGATE_BINANCE_URL", "wss://stream.binance.com:9443"),
                List.of("binance.symbols=BTCUSDT, ETHUSDT,SOLUSDT", "binance.channels=trade"));
        assertThat(c.venue("okx").symbols()).containsExactly("BTC-USDT", "ETH-USDT");
        assertThat(c.venue("okx").maxConnections()).isEqualTo(3);
        assertThat(c.venue("binance").symbols()).containsExactly("BTCUSDT", "ETHUSDT", "SOLUSDT");
        assertThat(c.venue("binance").channels()).containsExactly("trade");
        assertThat(c.venue("binance").url()).isEqualTo("wss://stream.binance.com:9443");
        assertThatThrownBy(() -> loader.load(null, Map.of(), List.of("binance.nope=1")))
                .hasMessageContaining("binance.nope");
    }

    @Test
    @Timeout(30)
    void simulatedVenuesAreConfiguredPerVenue(@TempDir Path dir) throws Exception {
        TickgateConfig d = loader.load(null, Map.of(), List.of());
        assertThat(d.simulator().venues().get("binance")).containsEntry("port", 9100L)
                .containsEntry("connectionLifetimeMillis", 86_400_000L);
        assertThat(d.simulator().venues().get("okx")).containsEntry("port", 9101L);
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, "simulator:\n  venues:\n    okx:\n      port: 9301\n");
        TickgateConfig c = loader.load(file, Map.of("TICKGATE_SIMULATOR_VENUES_BINANCE_PORT", "9300"),
                List.of("simulator.venues.binance.connectionLifetimeMillis=5000"));
        assertThat(c.simulator().venues().get("binance")).containsEntry("port", 9300L)
                .containsEntry("connectionLifetimeMillis", 5000L);
        assertThat(c.simulator().venues().get("okx")).containsEntry("port", 9301L);
    }

    /**
     * The keys from before the simulated venues' settings moved (simulator.binancePort, okxPort,
     * connectionLifetimeMillis) still work from a file, the environment and flags, each with a warning naming the
     * new key; in a file, the new key wins over the old one.
     */
    @Test
    @Timeout(30)
    void theOldSimulatorKeysAreAliasesOfTheNewOnesWithADeprecationWarning(@TempDir Path dir) throws Exception {
        Logger log = (Logger) LoggerFactory.getLogger(LegacySimulatorKeys.class);
        ListAppender<ILoggingEvent> warnings = new ListAppender<>();
        warnings.start();
        log.addAppender(warnings);
        try {
            Path file = dir.resolve("t.yaml");
            Files.writeString(file, "simulator:\n  binancePort: 9200\n  okxPort: 9201\n  venues:\n    okx:\n"
                    + "      port: 9301\n");
            TickgateConfig c = loader.load(file, Map.of("TICKGATE_SIMULATOR_OKX_PORT", "9401"),
                    List.of("simulator.connectionLifetimeMillis=7000"));
            assertThat(c.simulator().venues().get("binance")).containsEntry("port", 9200L)
                    .containsEntry("connectionLifetimeMillis", 7000L);
            assertThat(c.simulator().venues().get("okx")).as("env over file").containsEntry("port", 9401L)
                    .doesNotContainKey("connectionLifetimeMillis");
            assertThat(loader.load(file, Map.of(), List.of()).simulator().venues().get("okx"))
                    .as("the new key in the same file wins").containsEntry("port", 9301L);
            assertThat(loader.load(null, Map.of(), List.of("simulator.okxPort=9501")).simulator().venues()
                    .get("okx")).containsEntry("port", 9501L);
            assertThat(warnings.list).extracting(ILoggingEvent::getFormattedMessage).contains(
                    "configuration key simulator.binancePort is deprecated: use simulator.venues.binance.port",
                    "environment variable TICKGATE_SIMULATOR_OKX_PORT is deprecated: use"
                            + " TICKGATE_SIMULATOR_VENUES_OKX_PORT",
                    "configuration key simulator.connectionLifetimeMillis is deprecated: use"
                            + " simulator.venues.binance.connectionLifetimeMillis",
                    "configuration key simulator.okxPort is deprecated: use simulator.venues.okx.port");
        } finally {
            log.detachAppender(warnings);
        }
        assertThatThrownBy(() -> loader.load(null, Map.of(), List.of("simulator.nosuchvenuePort=9102")))
                .hasMessageContaining("unknown configuration key \"simulator.nosuchvenuePort\"")
                .hasMessageContaining("a simulated venue's port is simulator.venues.<venue>.port")
                .hasMessageContaining("the simulated venues: binance, okx");
        assertThatThrownBy(() -> loader.load(null, Map.of("TICKGATE_SIMULATOR_NOSUCHVENUEPORT", "1"), List.of()))
                .hasMessageContaining("TICKGATE_SIMULATOR_NOSUCHVENUEPORT names no configuration key");
    }

    @Test
    @Timeout(30)
    void everySettingASimulatedVenueDeclaresIsAKeyWithoutTheDefaultsFileListingIt(@TempDir Path dir)
            throws Exception {
        TickgateConfig d = loader.load(null, Map.of(), List.of());
        assertThat(d.simulator().venues().get("okx")).as("unset settings are left to the venue")
                .containsExactly(Map.entry("port", 9101L));
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, "simulator:\n  venues:\n    okx:\n      subscribeRequestsPerHour: 100\n");
        TickgateConfig c = loader.load(file, Map.of("TICKGATE_SIMULATOR_VENUES_OKX_IDLE_TIMEOUT_MILLIS", "20000"),
                List.of("simulator.venues.binance.maxStreamsPerConnection=200"));
        assertThat(c.simulator().venues().get("okx")).containsEntry("subscribeRequestsPerHour", 100L)
                .containsEntry("idleTimeoutMillis", 20_000L).containsEntry("port", 9101L)
                .doesNotContainKey("bookHeartbeatMillis");
        assertThat(c.simulator().venues().get("binance")).containsEntry("maxStreamsPerConnection", 200L);
        assertThatThrownBy(() -> loader.load(null, Map.of(), List.of("simulator.venues.okx.pingIntervalMillis=1")))
                .hasMessageContaining("unknown configuration key \"simulator.venues.okx.pingIntervalMillis\"")
                .hasMessageContaining("the simulated okx's settings: port, connectAttempts");
        assertThatThrownBy(() -> loader.load(null, Map.of(), List.of("simulator.venues.nosuchvenue.port=1")))
                .hasMessageContaining("the simulated venues: binance, okx");
    }

    @Test
    void fileThenEnvThenFlagsOverride(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, "gateway:\n  port: 7000\n  maxFrameBytes: 1000\nsimulator:\n  seed: 7\n");
        TickgateConfig c = loader.load(file,
                Map.of("TICKGATE_GATEWAY_PORT", "7100", "TICKGATE_GATEWAY_MAX_FRAME_BYTES", "2000", "PATH", "/bin",
                        "TICKGATE_JAVA_OPTS", "-Xmx1g"),
                List.of("gateway.port=7200"));
        assertThat(c.gateway().port()).isEqualTo(7200);
        assertThat(c.gateway().maxFrameBytes()).isEqualTo(2000);
        assertThat(c.simulator().seed()).isEqualTo(7);
    }

    @Test
    @Timeout(30)
    void controlRecoveryDefaultsToTenMinutesForBothVenuesAndCanBeSetOrTurnedOff(@TempDir Path dir) throws Exception {
        TickgateConfig d = loader.load(null, Map.of(), List.of());
        assertThat(d.venue("binance").controlRecoveryMillis()).isEqualTo(600_000);
        assertThat(d.venue("okx").controlRecoveryMillis()).isEqualTo(600_000);
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, "okx:\n  controlRecoveryMillis: 120000\n");
        TickgateConfig c = loader.load(file, Map.of("TICKGATE_OKX_CONTROL_RECOVERY_MILLIS", "90000"),
                List.of("binance.controlRecoveryMillis=0"));
        assertThat(c.venue("binance").controlRecoveryMillis()).isZero();
        assertThat(c.venue("okx").controlRecoveryMillis()).isEqualTo(90_000);
        assertThat(loader.load(file, Map.of(), List.of()).venue("okx").controlRecoveryMillis()).isEqualTo(120_000);
    }

    @Test
    void unknownKeysAndBadValuesAreClearErrors(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, "gateway:\n  prot: 7000\n");
        assertThatThrownBy(() -> loader.load(file, Map.of(), List.of()))
                .hasMessageContaining("gateway.prot");
        assertThatThrownBy(() -> loader.load(null, Map.of("TICKGATE_GATEWAY_NOPE", "1"), List.of()))
                .hasMessageContaining("TICKGATE_GATEWAY_NOPE");
        assertThatThrownBy(() -> loader.load(null, Map.of(), List.of("gateway.port=abc")))
                .hasMessageContaining("invalid configuration");
        assertThatThrownBy(() -> loader.load(null, Map.of(), List.of("nope")))
                .hasMessageContaining("key=value");
        assertThatThrownBy(() -> loader.load(null, Map.of(), List.of("gateway.transport=uring")))
                .hasMessageContaining("transport must be io_uring, epoll or nio, not uring");
        assertThat(loader.load(null, Map.of(), List.of("gateway.transport=io_uring")).gateway().transport())
                .isEqualTo("io_uring");
    }

    @Test
    void authIsOffByDefaultAndComesFromAFileEnvAndFlags(@TempDir Path dir) throws Exception {
        TickgateConfig defaults = loader.load(null, Map.of(), List.of());
        assertThat(defaults.gateway().auth().enabled()).isFalse();
        assertThat(io.tickgate.app.runtime.Assembly.auth(defaults.gateway().auth()).anonymous()
                .maySubscribe("binance.BTCUSDT.kline.1m")).as("the demo needs no token").isTrue();
        Path file = dir.resolve("auth.yaml");
        Files.writeString(file, "gateway:\n  auth:\n    enabled: true\n    audience: tickgate\n    roles:\n"
                + "      trader: {subscribe: [\"binance.**\"], publish: [\"custom.signals.*\"]}\n");
        TickgateConfig c = loader.load(file, Map.of("TICKGATE_GATEWAY_AUTH_SECRET", "s".repeat(32)),
                List.of("gateway.auth.clockSkewSeconds=5"));
        io.tickgate.gateway.auth.AuthConfig auth = io.tickgate.app.runtime.Assembly.auth(c.gateway().auth());
        assertThat(auth.enabled()).isTrue();
        assertThat(auth.secret()).hasSize(32);
        assertThat(auth.clockSkewSeconds()).isEqualTo(5);
        assertThat(auth.audience()).isEqualTo("tickgate");
        assertThat(auth.issuer()).as("empty = not checked").isNull();
        assertThat(auth.roles().get("trader").mayPublish("custom.signals.alpha")).isTrue();
        Files.writeString(file, "gateway:\n  auth:\n    roles:\n      bad: {subscribe: [\"a..b\"]}\n");
        TickgateConfig bad = loader.load(file, Map.of(), List.of());
        assertThatThrownBy(() -> io.tickgate.app.runtime.Assembly.auth(bad.gateway().auth()))
                .hasMessageContaining("gateway.auth.roles.bad");
    }

}
