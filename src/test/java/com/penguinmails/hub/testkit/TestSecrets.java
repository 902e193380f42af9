package com.penguinmails.hub.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Every secret value a test hands the hub is registered here (one per line in
 * {@code target/test-secrets.txt}); {@code SecretsNeverLoggedIT} then searches the logs of the
 * whole test run for each of them.
 */
public final class TestSecrets {

    public static final Path FILE = Path.of("target", "test-secrets.txt");

    private TestSecrets() {
    }

    /** Registers {@code value} and returns it, for use inline. */
    public static synchronized String register(String value) {
        try {
            Files.createDirectories(FILE.toAbsolutePath().getParent());
            Files.writeString(FILE, value + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh random secret with the given prefix, registered. */
    public static String fresh(String prefix) {
        return register(prefix + UUID.randomUUID().toString().replace("-", "") + "Zq9");
    }
}
