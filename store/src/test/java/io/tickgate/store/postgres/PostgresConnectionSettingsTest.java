package io.tickgate.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every connection of the PostgreSQL store gives up on a server that stops answering (the driver's socket timeout,
 * in whole seconds, rounded up) and has TCP keep-alive on, so a frozen server or a dead network fails a call instead
 * of holding its thread forever.
 */
class PostgresConnectionSettingsTest {

    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/x";

    @Test
    void theSocketTimeoutIsInWholeSecondsRoundedUpAndKeepAliveIsOn() {
        HikariConfig hc = PostgresStore.config(URL, "", "", 2, new PostgresStore.Tuning(1, true, 30_000, 60_500));
        assertThat(hc.getDataSourceProperties()).containsEntry("socketTimeout", "61")
                .containsEntry("tcpKeepAlive", "true");
    }

    @Test
    void theDefaultsSetBothAndZeroMeansNoSocketTimeout() {
        assertThat(PostgresStore.config(URL, "", "", 2, PostgresStore.Tuning.DEFAULT).getDataSourceProperties())
                .containsEntry("socketTimeout", "60").containsEntry("tcpKeepAlive", "true");
        assertThat(PostgresStore.config(URL, "", "", 2, new PostgresStore.Tuning(1, true, 30_000, 0))
                .getDataSourceProperties()).containsEntry("socketTimeout", "0");
    }
}
