package io.tickgate.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Child JVMs: an Error escaping a thread ends the process with 3; so does an OOM with the launcher's flag. */
@Timeout(60)
class FatalErrorsTest {

    @Test
    void anErrorEscapingAThreadEndsTheProcess() throws Exception {
        Result r = run(List.of(), "error");
        assertThat(r.exitCode).as(r.output).isEqualTo(FatalErrors.EXIT_CODE);
        assertThat(r.output).contains("fatal error in thread tickgate-gw-hub-0").doesNotContain("still running");
    }

    @Test
    void anExceptionEscapingAThreadIsLoggedAndTheProcessRunsOn() throws Exception {
        Result r = run(List.of(), "exception");
        assertThat(r.exitCode).as("killed after the wait, not exited: " + r.output).isEqualTo(-1);
        assertThat(r.output).contains("thread tickgate-gw-hub-0 ended on an uncaught exception", "still running");
    }

    @Test
    void outOfMemoryWithTheLaunchersFlagEndsATinyHeapProcessEvenWhenTheErrorIsSwallowed() throws Exception {
        Result r = run(List.of("-Xmx32m", "-XX:+ExitOnOutOfMemoryError"), "oom");
        assertThat(r.exitCode).as(r.output).isEqualTo(3);
        assertThat(r.output).contains("Terminating due to java.lang.OutOfMemoryError");
    }

    private record Result(int exitCode, String output) {
    }

    /** Runs the child; exit code -1 when it was still running after 8 s (then killed). */
    private static Result run(List<String> jvmOptions, String mode) throws IOException, InterruptedException {
        Path out = Files.createTempFile("fatal-errors", ".log");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), FatalErrorsChild.class.getName(), mode));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            int code = p.waitFor(8, TimeUnit.SECONDS) ? p.exitValue() : -1;
            if (code == -1) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            return new Result(code, Files.readString(out));
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(out);
        }
    }
}
