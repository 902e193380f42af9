package com.penguinmails.hub.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Prints a benchmark's table and keeps it in {@code target/benchmarks/<name>.md} for docs/BENCHMARKS.md. */
public final class BenchmarkReport {

    private BenchmarkReport() {
    }

    public static void write(String name, String command, List<String> lines) {
        StringBuilder text = new StringBuilder();
        text.append("## ").append(name).append("\n\n");
        text.append("Run ").append(Instant.now()).append(" on ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, Java ").append(System.getProperty("java.version")).append(", heap max ")
                .append(Runtime.getRuntime().maxMemory() / (1024 * 1024)).append(" MB. Command: `").append(command)
                .append("`\n\n");
        lines.forEach(line -> text.append(line).append('\n'));
        System.out.println(text);
        try {
            Path dir = Path.of("target", BenchScale.reportDirectory());
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name + ".md"), text.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static final String HEADER = "| scenario | requests | throughput | p50 ms | p90 ms | p99 ms | max ms | errors |\n|---|---|---|---|---|---|---|---|";
}
