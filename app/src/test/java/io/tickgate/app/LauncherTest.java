package io.tickgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/tickgate} starts the JVM with the fail-fast options (a stub {@code java} records its arguments). */
@Timeout(30)
class LauncherTest {

    @TempDir
    Path dir;

    @Test
    void theLauncherAlwaysExitsOnOutOfMemoryAndDumpsTheHeapWhenAsked() throws Exception {
        assertThat(launch(Map.of())).startsWith("-XX:+ExitOnOutOfMemoryError -XX:+UseG1GC")
                .doesNotContain("HeapDump").endsWith("-jar " + jar() + " demo --port 1");
        assertThat(launch(Map.of("TICKGATE_HEAP_DUMP_DIR", "/var/tmp/dumps", "TICKGATE_JAVA_OPTS", "-Xmx64m")))
                .isEqualTo("-XX:+ExitOnOutOfMemoryError -XX:+HeapDumpOnOutOfMemoryError "
                        + "-XX:HeapDumpPath=/var/tmp/dumps -Xmx64m -jar " + jar() + " demo --port 1");
    }

    private static String jar() {
        return Path.of("..").toAbsolutePath().normalize().resolve("app/target/tickgate.jar").toString();
    }

    private String launch(Map<String, String> env) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path args = dir.resolve("args.txt");
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/usr/bin/env bash\necho \"$*\" > '" + args + "'\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder pb = new ProcessBuilder("bash", Path.of("..", "bin", "tickgate").toString(), "demo", "--port",
                "1").redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("TICKGATE_SKIP_BUILD", "1");
        pb.environment().remove("TICKGATE_JAVA_OPTS");
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
        return Files.readString(args).trim();
    }
}
