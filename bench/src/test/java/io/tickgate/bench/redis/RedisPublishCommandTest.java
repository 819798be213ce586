package io.tickgate.bench.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickgate.bench.cli.BenchMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * {@code redis-publish} end to end with tiny sizes: its own redis-server, an engine round, redis-benchmark on the
 * same script (which fails loudly if the bench's arguments no longer match the script's layout), the profile lines.
 * Checks that it works and reports, never how fast.
 */
@Timeout(120)
class RedisPublishCommandTest {

    @Test
    void runsTheEngineAndRedisBenchmarkOnItsOwnRedisAndPrintsBoth() {
        PrintStream saved = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            code = new CommandLine(new BenchMain()).execute("redis-publish", "--events", "3000", "--topics", "10",
                    "--rounds", "1", "--calls", "300", "--clients", "2", "--pipeline", "4");
        } finally {
            System.setOut(saved);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertThat(code).as(out).isZero();
        assertThat(out).containsPattern("engine, round 1 \\(warm-up\\): \\d+ events/s \\(3000 events in .* 0 dropped\\)")
                .contains("CPU per event: engine JVM").contains("commands per event:").contains("xadd")
                .containsPattern("redis-benchmark, one event per call, 2 clients, pipeline 4: \\d+ events/s")
                .contains("done; load average");
    }

    @Test
    void refusesSizesThatMeanNothing() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new BenchMain()).setErr(new PrintWriter(err));
        assertThat(cli.execute("redis-publish", "--events", "0")).isNotZero();
        assertThat(err.toString()).contains("--events, --topics, --rounds, --calls and --clients must be > 0");
    }
}
