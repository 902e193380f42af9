package com.penguinmails.hub.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

/**
 * Prints a test's counts (they land in the failsafe report's output file) and appends them to
 * {@code target/reliability-report.md}, the source of the figures in {@code docs/RELIABILITY.md}.
 */
final class ReliabilityReport {

    static final Path FILE = Path.of("target", "reliability-report.md");

    private ReliabilityReport() {
    }

    /** Size of the run: {@code -Dreliability.size=full} for the documented full-size figures. */
    static boolean full() {
        return "full".equalsIgnoreCase(System.getProperty("reliability.size", "small"));
    }

    /**
     * How long to wait for the backlog to be processed and delivered after the load stops: at full size
     * the load outruns the inbox workers (one per node) for long stretches.
     */
    static java.time.Duration drainTimeout() {
        return full() ? java.time.Duration.ofMinutes(10) : java.time.Duration.ofMinutes(2);
    }

    static String size() {
        return full() ? "full" : "small";
    }

    static void write(String test, List<String> lines) {
        StringBuilder text = new StringBuilder("\n### ").append(test).append(" (").append(size()).append(" size, ")
                .append(Instant.now()).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores)\n\n");
        lines.forEach(line -> text.append(line).append('\n'));
        System.out.println(text);
        try {
            Files.createDirectories(FILE.toAbsolutePath().getParent());
            Files.writeString(FILE, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
