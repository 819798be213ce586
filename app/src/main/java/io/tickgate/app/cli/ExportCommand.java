package io.tickgate.app.cli;

import io.tickgate.model.topic.InvalidTopicException;
import io.tickgate.model.topic.Topic;
import io.tickgate.store.api.HistoryStore;
import io.tickgate.store.api.HistoryStores;
import io.tickgate.store.export.CsvExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code tickgate export}: a topic's stored trades or candles over a time range as CSV, from the store the
 * configuration names ({@code store.*}), to a file or standard output.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a topic's history (trades, closed candles or book snapshots) from the store as CSV.")
public final class ExportCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config;

    @Option(names = "--topic", required = true, paramLabel = "TOPIC",
            description = "a trade, kline or book topic, e.g. binance.BTCUSDT.kline.1m")
    String topic;

    @Option(names = "--from", paramLabel = "MS", defaultValue = "0", description = "first time, epoch ms (default 0)")
    long from;

    @Option(names = "--to", paramLabel = "MS", description = "last time, epoch ms (default now)")
    Long to;

    @Option(names = "--format", paramLabel = "csv", defaultValue = "csv", description = "output format (csv)")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "file to write (default standard output)")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!"csv".equals(format)) {
            throw new IllegalArgumentException("--format: only csv is supported, not \"" + format + "\"");
        }
        Topic t;
        try {
            t = Topic.parse(topic);
        } catch (InvalidTopicException e) {
            throw new IllegalArgumentException("--topic: " + e.getMessage(), e);
        }
        long until = to == null ? System.currentTimeMillis() : to;
        try (HistoryStore store = HistoryStores.open(config.load(List.of()).store().settings());
             Writer w = out == null
                     ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
                     : Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            long n = CsvExport.export(store, t, from, until, w);
            w.flush();
            System.err.println("export: " + n + " rows of " + t);
        }
        return 0;
    }
}
