package io.tickgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The shipped jar ({@code app/target/tickgate.jar}, what {@code bin/tickgate} runs) carries the product only: none of
 * the benchmark tools (module {@code bench}, run by {@code bin/tickgate-bench}), JMH or the plotting library.
 */
@Timeout(60)
class ShippedJarIT {

    /** Entry prefixes that must never be in the shipped jar. */
    private static final List<String> FORBIDDEN = List.of(
            "io/tickgate/bench/", "org/openjdk/jmh/", "org/knowm/xchart/",
            "META-INF/maven/io.tickgate/tickgate-bench/", "META-INF/maven/org.openjdk.jmh/",
            "META-INF/maven/org.knowm.xchart/", "tickgate-bench-logback.xml");

    @Test
    void theShippedJarCarriesNoBenchmarkToolsJmhOrXChart() throws Exception {
        File jar = new File(System.getProperty("tickgate.jar", "target/tickgate.jar"));
        assertThat(jar).as("tickgate.jar is built by the package phase").isFile();
        try (JarFile file = new JarFile(jar)) {
            List<String> names = file.stream().map(ZipEntry::getName).toList();
            assertThat(names.stream().filter(name -> FORBIDDEN.stream().anyMatch(name::startsWith)))
                    .as("bench, JMH or XChart entries in %s", jar).isEmpty();
            // the right jar, and a whole one: the launcher, the modules it wires and its libraries are there
            assertThat(names).contains("io/tickgate/app/Main.class", "io/tickgate/gateway/Gateway.class",
                    "picocli/CommandLine.class");
        }
    }
}
