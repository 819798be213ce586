package io.tickgate.app.cli;

import io.tickgate.app.config.ConfigLoader;
import io.tickgate.app.config.TickgateConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options every long-running command takes: a config file and {@code --set key=value} overrides. */
public final class ConfigOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file (keys: docs/operations.md)")
    Path file;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override one key, e.g. --set gateway.port=9090")
    List<String> overrides = new ArrayList<>();

    /** Loads defaults + file + TICKGATE_* environment + --set + the command's own shortcut flags (last). */
    TickgateConfig load(List<String> shortcuts) {
        List<String> all = new ArrayList<>(overrides);
        all.addAll(shortcuts);
        return new ConfigLoader().load(file, System.getenv(), all);
    }
}
